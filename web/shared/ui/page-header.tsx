import { Group, type GroupProps, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** The page's main action (an "add" button), at the right. */
  action?: ReactNode;
  align?: GroupProps['align'];
}

/** A management screen's heading, with its main action beside it. */
export function PageHeader({ title, subtitle, action, align }: PageHeaderProps) {
  return (
    <Group justify="space-between" align={align}>
      <div>
        <Title order={2}>{title}</Title>
        {subtitle ? (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        ) : null}
      </div>
      {action}
    </Group>
  );
}
