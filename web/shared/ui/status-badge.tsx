import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '@contract/orders';

const COLORS: Record<OrderStatus, string> = { pending: 'red', preparing: 'blue', completed: 'green' };

export function StatusBadge({ status, size = 'md' }: { status: OrderStatus; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} size={size} variant={status === 'completed' ? 'light' : 'filled'}>
      {t(`common:status.${status}`)}
    </Badge>
  );
}
