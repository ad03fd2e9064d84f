import { Button, Divider, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Menu } from '@contract/menus';
import { useMoney } from '@customer/lib/money';

export interface ConfirmLine {
  menuId: Menu['id'];
  name: Menu['name'];
  price: Menu['price'];
  quantity: number;
}

/** The last look before the cart goes to the kitchen. */
export function ConfirmOrderModal({
  opened,
  lines,
  total,
  sending,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  lines: ConfirmLine[];
  total: number;
  sending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
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
            <Group key={line.menuId} justify="space-between" wrap="nowrap" data-testid="confirm-line">
              <Text fz="lg" fw={600}>
                {line.name}{' '}
                <Text span c="orange.8" fw={800}>
                  × {line.quantity}
                </Text>
              </Text>
              <Text fz="lg" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {money(line.price * line.quantity)}
              </Text>
            </Group>
          ))}
        </Stack>
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
