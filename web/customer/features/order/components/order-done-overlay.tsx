import { Button, FocusTrap, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '@contract/orders';
import { CheckIcon } from '@customer/components/icons';
import { useEasyMode } from '@customer/lib/easy-mode';
import { useGuide } from '@customer/lib/guide';
import { useMoney } from '@customer/lib/money';
import classes from './order.module.css';

export const BACK_TO_MENU_SECONDS = 5;
/** Easy mode reads the number aloud and gives the guest time to take it in. */
const EASY_BACK_TO_MENU_SECONDS = 15;

/**
 * The order number, big, for five seconds (fifteen in easy mode); then back to the menu by
 * itself. Focus stays inside while it shows.
 */
export function OrderDoneOverlay({
  order,
  onDone,
  onViewOrders,
}: {
  order: Order;
  onDone: () => void;
  onViewOrders: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const easy = useEasyMode();
  const guide = useGuide();
  const [seconds] = useState(easy.on ? EASY_BACK_TO_MENU_SECONDS : BACK_TO_MENU_SECONDS);
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  done.current = onDone;
  const announce = useRef(() => guide.say(t('easy.sayOrdered', { no: order.orderNo })));

  useEffect(() => {
    announce.current();
  }, []);

  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        done.current();
      }
    }, 200);
    return () => clearInterval(timer);
  }, [seconds]);

  const count = order.items.reduce((sum, i) => sum + i.quantity, 0);
  return (
    <div
      className={classes.done}
      role="dialog"
      aria-modal="true"
      aria-labelledby="order-done-title"
      data-testid="order-done"
    >
      <FocusTrap active>
        <div className={classes.doneCard}>
          <div className={classes.check}>
            <CheckIcon size={56} strokeWidth={3} />
          </div>
          <Title order={1} id="order-done-title" fz={34} fw={800}>
            {t('order.doneTitle')}
          </Title>
          <Text fz="xl" fw={700} c="dimmed">
            {t('order.orderNo')}
          </Text>
          <div className={classes.orderNo} data-testid="order-done-number">
            {t('order.orderNoValue', { no: order.orderNo })}
          </div>
          <div className={classes.summary}>
            <Group justify="space-between">
              <Text fz="lg" fw={600}>
                {order.items.map((i) => `${i.name} ${i.quantity}`).join(', ')}
              </Text>
              <Text fz="xl" fw={800} data-testid="order-done-total">
                {money(order.totalAmount)}
              </Text>
            </Group>
            <Text fz="sm" c="dimmed" ta="left">
              {t('cart.count', { count })} · {t('order.doneHint')}
            </Text>
          </div>
          <Stack gap={6} w="100%" mt="sm">
            <Progress
              aria-label={t('order.backIn', { seconds: left })}
              value={(left / seconds) * 100}
              size="sm"
              radius="xl"
              transitionDuration={200}
            />
            <Text fz="md" c="dimmed" data-testid="order-done-countdown">
              {t('order.backIn', { seconds: left })}
            </Text>
          </Stack>
          <Group grow w="100%" gap="sm">
            <Button size="xl" variant="default" onClick={onViewOrders}>
              {t('order.viewOrders')}
            </Button>
            <Button size="xl" onClick={onDone} data-testid="order-done-close" data-autofocus>
              {t('order.backNow')}
            </Button>
          </Group>
        </div>
      </FocusTrap>
    </div>
  );
}
