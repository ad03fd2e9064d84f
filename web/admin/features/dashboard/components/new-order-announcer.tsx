import { VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '@contract/orders';

/**
 * Reads new orders out to a screen reader (a polite live region): the board's chime and orange
 * rows are not the only signal. Orders already on the board when it opens are not announced.
 */
export function NewOrderAnnouncer({ tables }: { tables: DashboardTable[] }) {
  const { t } = useTranslation();
  const known = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const orders = tables.flatMap((table) => table.orders.map((order) => ({ table, order })));
    const before = known.current;
    known.current = new Set(orders.map(({ order }) => order.id));
    if (!before) return;
    const fresh = orders.filter(({ order }) => !before.has(order.id) && order.status === 'pending');
    if (fresh.length === 0) return;
    setMessage(
      fresh.map(({ table, order }) => t('dashboard.announceNew', { table: table.number, no: order.orderNo })).join(' '),
    );
  }, [tables, t]);

  return (
    <VisuallyHidden role="status" aria-live="polite" data-testid="new-order-live">
      {message}
    </VisuallyHidden>
  );
}
