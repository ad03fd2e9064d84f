import { ActionIcon, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MinusIcon, PlusIcon } from './icons';

/** − n + with targets of at least 44 px, for fingers on a tablet. */
export function QuantityStepper({
  value,
  onChange,
  min = 1,
  max,
  size = 'md',
  disabled = false,
  label,
}: {
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max: number;
  size?: 'md' | 'lg';
  disabled?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const box = size === 'lg' ? 52 : 44;
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label={label ?? t('menu.quantity')}>
      <ActionIcon
        size={box}
        radius="xl"
        variant="default"
        disabled={disabled || value <= min}
        onClick={() => onChange(value - 1)}
        aria-label={t('menu.decrease')}
      >
        <MinusIcon size={size === 'lg' ? 24 : 20} />
      </ActionIcon>
      <Text
        fz={size === 'lg' ? 24 : 18}
        fw={700}
        w={size === 'lg' ? 44 : 32}
        ta="center"
        style={{ fontVariantNumeric: 'tabular-nums' }}
        data-testid="quantity-value"
        aria-live="polite"
      >
        {value}
      </Text>
      <ActionIcon
        size={box}
        radius="xl"
        variant="default"
        disabled={disabled || value >= max}
        onClick={() => onChange(value + 1)}
        aria-label={t('menu.increase')}
      >
        <PlusIcon size={size === 'lg' ? 24 : 20} />
      </ActionIcon>
    </Group>
  );
}
