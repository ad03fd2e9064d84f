import { Button, Divider, Group, Loader, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Translations } from '@contract/i18n';
import type { Menu } from '@contract/menus';
import { MAX_ORDER_NOTE } from '@contract/orders';
import { useMoney } from '@customer/lib/money';
import { localizedName } from '@shared/menu/localized';

export interface ConfirmLine {
  key: string;
  menuId: Menu['id'];
  name: Menu['name'];
  price: Menu['price'];
  quantity: number;
  options: Array<{ name: string; translations?: Translations }>;
  note: string | null;
}

/** The last look before the cart goes to the kitchen. */
export function ConfirmOrderModal({
  opened,
  lines,
  total,
  sending,
  onConfirm,
  onClose,
  names,
  note,
  onNoteChange,
}: {
  opened: boolean;
  lines: ConfirmLine[];
  /** The dishes' names in the guest's language, by dish id. */
  names?: Map<string, string>;
  /** The request about the whole order. */
  note: string;
  onNoteChange: (note: string) => void;
  total: number;
  sending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  return (
    <Modal
      opened={opened}
      onClose={sending ? () => {} : onClose}
      title={
        <Text fz={24} fw={800}>
          {t('order.confirmTitle')}
        </Text>
      }
      size={520}
      radius="lg"
      padding="xl"
      centered
      closeButtonProps={{ size: 'xl', 'aria-label': t('common:actions.close') }}
      withCloseButton={!sending}
      closeOnClickOutside={!sending}
      data-testid="confirm-order"
    >
      <Stack gap="md">
        <Text c="dimmed">{t('order.confirmText')}</Text>
        <Stack gap={10} mah={320} style={{ overflowY: 'auto' }}>
          {lines.map((line) => (
            <Group key={line.key} justify="space-between" wrap="nowrap" data-testid="confirm-line">
              <div>
                <Text fz="lg" fw={600}>
                  {names?.get(line.menuId) ?? line.name}{' '}
                  <Text span c="orange.8" fw={800}>
                    × {line.quantity}
                  </Text>
                </Text>
                {line.options.length > 0 && (
                  <Text fz="sm" c="dimmed">
                    {line.options.map((option) => localizedName(option, i18n.language)).join(' · ')}
                  </Text>
                )}
                {line.note && (
                  <Text fz="sm" c="orange.9">
                    “{line.note}”
                  </Text>
                )}
              </div>
              <Text fz="lg" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {money(line.price * line.quantity)}
              </Text>
            </Group>
          ))}
        </Stack>
        <Textarea
          label={t('order.note')}
          placeholder={t('order.notePlaceholder')}
          maxLength={MAX_ORDER_NOTE}
          autosize
          minRows={1}
          maxRows={3}
          size="md"
          value={note}
          disabled={sending}
          onChange={(event) => onNoteChange(event.currentTarget.value)}
          data-testid="order-note"
        />
        <Divider />
        <Group justify="space-between">
          <Text fz="xl" fw={700}>
            {t('cart.total')}
          </Text>
          <Text fz={28} fw={800} c="orange.8" data-testid="confirm-total">
            {money(total)}
          </Text>
        </Group>
        <Group grow gap="sm" mt="xs">
          <Button size="xl" variant="default" disabled={sending} onClick={onClose}>
            {t('order.back')}
          </Button>
          <Button
            size="xl"
            onClick={onConfirm}
            disabled={sending}
            leftSection={sending ? <Loader size="sm" color="gray" /> : null}
            data-testid="confirm-order-submit"
          >
            {sending ? t('order.sending') : t('order.confirm', { amount: money(total) })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
