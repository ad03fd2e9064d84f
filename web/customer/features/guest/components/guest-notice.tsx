import { Button, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './guest-page.module.css';

/** A whole-screen message for a guest's phone: why it cannot order here, and what to do. */
export function GuestNotice({
  icon,
  title,
  text,
  action,
  testId,
}: {
  icon: ReactNode;
  title: string;
  text: string;
  action?: { label: string; onClick: () => void };
  testId: string;
}) {
  return (
    <main className={classes.page} data-testid={testId}>
      <div className={classes.card}>
        <div className={classes.mark} aria-hidden>
          {icon}
        </div>
        <Title order={1} fz={24}>
          {title}
        </Title>
        <Text fz="lg" c="gray.8">
          {text}
        </Text>
        {action && (
          <Button size="xl" onClick={action.onClick}>
            {action.label}
          </Button>
        )}
      </div>
    </main>
  );
}
