import { VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGuide } from '@customer/lib/guide';
import { useTableOrders } from '../api/get-table-orders';

/**
 * Says when one of the table's orders moves on (접수 → 준비중 → 완료): a polite live region for
 * screen readers, and the voice in easy mode. Orders seen for the first time are not announced.
 */
export function OrderStatusAnnouncer() {
  const { t } = useTranslation();
  const orders = useTableOrders();
  const guide = useGuide();
  const seen = useRef<Map<string, string> | null>(null);
  const [message, setMessage] = useState('');
  const say = useRef(guide.say);
  say.current = guide.say;

  useEffect(() => {
    const list = orders.data?.orders;
    if (!list) return;
    const before = seen.current;
    seen.current = new Map(list.map((order) => [order.id, order.status]));
    if (!before) return;
    const moved = list.filter((order) => before.has(order.id) && before.get(order.id) !== order.status);
    if (moved.length === 0) return;
    const text = moved
      .map((order) => t('myOrders.statusChanged', { no: order.orderNo, status: t(`common:status.${order.status}`) }))
      .join(' ');
    setMessage(text);
    say.current(text);
  }, [orders.data, t]);

  return (
    <VisuallyHidden role="status" aria-live="polite" data-testid="order-status-live">
      {message}
    </VisuallyHidden>
  );
}
