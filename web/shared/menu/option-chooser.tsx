import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translations } from '@contract/i18n';
import type { OptionGroup } from '@contract/menus';
import { MAX_LINE_NOTE, MAX_LINE_QUANTITY } from '@contract/orders';
import { formatMoney } from '@shared/lib/format';
import { Icon } from '@shared/ui/icons';
import { VISUALLY_HIDDEN } from '../ui/visually-hidden';
import {
  type ChosenOption,
  chooserGroups,
  chosenOptions,
  emptySelection,
  groupStatus,
  isComplete,
  isRequired,
  isSingle,
  pruneSelection,
  type Selection,
  selectedOptionIds,
  toggleOption,
  unitPrice,
} from './chooser-state';
import { localized, localizedName } from './localized';

/** The dish as the chooser needs it: a table menu item, or a staff app menu with its groups. */
export interface ChooserDish {
  id: string;
  name: string;
  description?: string;
  price: number;
  isAvailable: boolean;
  translations?: Translations;
  optionGroups: OptionGroup[];
}

/** What the chooser hands back when the guest adds the dish. */
export interface ChooserResult {
  menuId: string;
  quantity: number;
  optionIds: string[];
  /** Trimmed; absent when empty. */
  note?: string;
  unitPrice: number;
  options: ChosenOption[];
}

const Plus = ({ size = 22 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
const Minus = ({ size = 22 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M5 12h14" />
  </Icon>
);

function rangeLabel(group: OptionGroup, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (group.maxSelect === 1) return t('common:chooser.pickOne');
  if (group.minSelect === group.maxSelect) return t('common:chooser.pickExactly', { count: group.minSelect });
  if (group.minSelect === 0) return t('common:chooser.pickUpTo', { max: group.maxSelect });
  return t('common:chooser.pickRange', { min: group.minSelect, max: group.maxSelect });
}

/**
 * The option chooser: a dish's groups (required first) with a live price, sold-out options shown
 * but disabled, a note for the kitchen and a quantity; the add button is enabled only once every
 * group is answered within its range. Texts show in `language`, Korean where untranslated.
 * `header` takes the app's own picture or summary of the dish.
 */
export function OptionChooser({
  dish,
  language,
  onClose,
  onAdd,
  header,
  withNote = true,
  maxQuantity = MAX_LINE_QUANTITY,
}: {
  dish: ChooserDish | null;
  language: string;
  onClose: () => void;
  onAdd: (result: ChooserResult) => void;
  header?: ReactNode;
  withNote?: boolean;
  maxQuantity?: number;
}) {
  const { t } = useTranslation();
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState('');
  const dishId = dish?.id;

  // A new dish starts afresh (reset while rendering, not in an effect: no frame shows the old
  // choices); the same dish refreshed (an option sold out meanwhile) keeps what still holds.
  const [shownDish, setShownDish] = useState(dishId);
  if (shownDish !== dishId) {
    setShownDish(dishId);
    setSelection(emptySelection());
    setQuantity(1);
    setNote('');
  }
  const groups = useMemo(() => chooserGroups(dish?.optionGroups ?? []), [dish]);
  useEffect(() => {
    setSelection((current) => pruneSelection(groups, current));
  }, [groups]);

  const complete = isComplete(groups, selection);
  const price = dish ? unitPrice(dish.price, groups, selection) : 0;
  const soldOut = dish ? !dish.isAvailable : false;
  const texts = dish ? localized(dish, language) : { name: '', description: '' };
  const money = (amount: number) => formatMoney(amount, language);

  function add() {
    if (!dish || !complete || soldOut) return;
    const trimmed = note.trim();
    onAdd({
      menuId: dish.id,
      quantity,
      optionIds: selectedOptionIds(groups, selection),
      ...(trimmed ? { note: trimmed } : {}),
      unitPrice: price,
      options: chosenOptions(groups, selection),
    });
  }

  return (
    <Modal
      opened={dish !== null}
      onClose={onClose}
      size={600}
      radius="lg"
      padding={0}
      centered
      withCloseButton={false}
      // The dish's name names the dialog for screen readers; the picture stays at the top.
      title={dish ? texts.name : ''}
      styles={{ header: VISUALLY_HIDDEN }}
      data-testid="option-chooser"
    >
      {dish && (
        <Stack gap={0}>
          {header}
          <Stack gap="lg" p="xl">
            <div>
              <Title order={2} fz={26}>
                {texts.name}
              </Title>
              {texts.description && (
                <Text c="dimmed" mt={6} fz="md">
                  {texts.description}
                </Text>
              )}
              <Text fz="lg" fw={700} mt={6}>
                {money(dish.price)}
              </Text>
            </div>
            {groups.map((group) => {
              const status = groupStatus(group, selection);
              const chosen = selection[group.id] ?? [];
              return (
                <fieldset
                  key={group.id}
                  style={{ border: 0, margin: 0, padding: 0 }}
                  data-testid="chooser-group"
                  data-group-id={group.id}
                  data-complete={status.complete || undefined}
                >
                  <Group justify="space-between" mb={8} wrap="nowrap">
                    <Group gap={8} wrap="nowrap">
                      <Text component="legend" fz="lg" fw={800}>
                        {localizedName(group, language)}
                      </Text>
                      <Badge
                        color={isRequired(group) ? (status.complete ? 'teal' : 'red') : 'gray'}
                        variant="light"
                        size="md"
                      >
                        {isRequired(group) ? t('common:chooser.required') : t('common:chooser.optional')}
                      </Badge>
                    </Group>
                    <Text fz="sm" c={status.missing > 0 ? 'red.7' : 'dimmed'} fw={600}>
                      {status.missing > 0
                        ? t('common:chooser.missing', { count: status.missing })
                        : rangeLabel(group, t)}
                    </Text>
                  </Group>
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} role={isSingle(group) ? 'radiogroup' : 'group'}>
                    {group.options.map((option) => {
                      const picked = chosen.includes(option.id);
                      const disabled = !option.isAvailable || (!picked && status.full && !isSingle(group));
                      return (
                        <UnstyledButton
                          key={option.id}
                          role={isSingle(group) ? 'radio' : 'checkbox'}
                          aria-checked={picked}
                          aria-disabled={disabled || undefined}
                          disabled={disabled}
                          onClick={() => setSelection((current) => toggleOption(current, group, option.id))}
                          data-testid="chooser-option"
                          data-option-id={option.id}
                          data-sold-out={!option.isAvailable || undefined}
                          style={{
                            minHeight: 52,
                            padding: '10px 14px',
                            borderRadius: 12,
                            border: `2px solid ${picked ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-gray-3)'}`,
                            background: picked ? 'var(--mantine-color-orange-0)' : undefined,
                            opacity: disabled ? 0.5 : 1,
                            cursor: disabled ? 'not-allowed' : 'pointer',
                          }}
                        >
                          <Group justify="space-between" wrap="nowrap">
                            <Text fz="md" fw={picked ? 800 : 600} td={option.isAvailable ? undefined : 'line-through'}>
                              {localizedName(option, language)}
                            </Text>
                            <Text fz="md" fw={600} c={option.isAvailable ? undefined : 'gray.6'}>
                              {option.isAvailable
                                ? option.price > 0
                                  ? `+${money(option.price)}`
                                  : t('common:chooser.free')
                                : t('common:chooser.soldOut')}
                            </Text>
                          </Group>
                        </UnstyledButton>
                      );
                    })}
                  </SimpleGrid>
                </fieldset>
              );
            })}
            {withNote && (
              <Textarea
                label={t('common:chooser.note')}
                placeholder={t('common:chooser.notePlaceholder')}
                maxLength={MAX_LINE_NOTE}
                autosize
                minRows={1}
                maxRows={3}
                size="md"
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                data-testid="chooser-note"
              />
            )}
            <Group justify="space-between" align="center">
              <Text fz={26} fw={800} data-testid="chooser-price">
                {money(price * quantity)}
              </Text>
              <Group gap={6} wrap="nowrap">
                <ActionIcon
                  size={52}
                  radius="xl"
                  variant="default"
                  disabled={quantity <= 1}
                  onClick={() => setQuantity((q) => Math.max(1, q - 1))}
                  aria-label={t('common:chooser.decrease')}
                >
                  <Minus />
                </ActionIcon>
                <Text fz={24} fw={700} w={44} ta="center" data-testid="chooser-quantity" aria-live="polite">
                  {quantity}
                </Text>
                <ActionIcon
                  size={52}
                  radius="xl"
                  variant="default"
                  disabled={quantity >= maxQuantity}
                  onClick={() => setQuantity((q) => Math.min(maxQuantity, q + 1))}
                  aria-label={t('common:chooser.increase')}
                >
                  <Plus />
                </ActionIcon>
              </Group>
            </Group>
            <Group grow gap="sm">
              <Button size="xl" variant="default" onClick={onClose}>
                {t('common:actions.close')}
              </Button>
              <Button size="xl" disabled={!complete || soldOut} onClick={add} data-testid="chooser-add">
                {soldOut
                  ? t('common:chooser.soldOut')
                  : complete
                    ? t('common:chooser.add', { count: quantity, amount: money(price * quantity) })
                    : t('common:chooser.incomplete')}
              </Button>
            </Group>
          </Stack>
        </Stack>
      )}
    </Modal>
  );
}
