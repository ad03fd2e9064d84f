import { Button, Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './data-table.module.css';

export interface DataColumn<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  w?: number;
}

export interface DataTableProps<T> {
  rows: T[];
  rowKey: (row: T) => string;
  /** A row's test id and data attributes, by which tests and scripts find it. */
  rowData?: (row: T) => Record<`data-${string}`, string | number>;
  columns: DataColumn<T>[];
  /** The heading of the last column, which holds each row's buttons. */
  actionsHeader: ReactNode;
  actions: (row: T) => ReactNode;
  highlightOnHover?: boolean;
  /** Keep a row's buttons on one line however narrow the table gets. */
  actionsNoWrap?: boolean;
}

/**
 * A bordered list of records, one a row, with the row's buttons at its right end; on a phone each
 * row stacks into a card (column names beside the values, buttons below).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, rowKey, rowData, columns, actionsHeader, actions } = props;
  return (
    <Paper withBorder radius="md">
      <Table
        verticalSpacing="sm"
        horizontalSpacing="md"
        highlightOnHover={props.highlightOnHover}
        className={classes.table}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} w={column.w}>
                {column.header}
              </Table.Th>
            ))}
            <Table.Th ta="right">{actionsHeader}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} {...rowData?.(row)}>
              {columns.map((column) => (
                <Table.Td key={column.key} data-label={typeof column.header === 'string' ? column.header : undefined}>
                  {column.cell(row)}
                </Table.Td>
              ))}
              <Table.Td>
                <div className={classes.actions} data-nowrap={props.actionsNoWrap || undefined}>
                  {actions(row)}
                </div>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** A row's edit button; the label says what can be changed. */
export function RowEditButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button size="xs" variant="default" onClick={onClick}>
      {children}
    </Button>
  );
}

export function RowDeleteButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="subtle" color="red" onClick={onClick}>
      {t('common:actions.delete')}
    </Button>
  );
}
