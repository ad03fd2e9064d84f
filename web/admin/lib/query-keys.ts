/** Query keys of the admin app, in one place so realtime events can reach every screen's cache. */
export const queryKeys = {
  all: ['admin'] as const,
  dashboard: ['admin', 'dashboard'] as const,
  tables: ['admin', 'tables'] as const,
  history: (tableId: string) => ['admin', 'history', tableId] as const,
  historyAll: ['admin', 'history'] as const,
  categories: ['admin', 'categories'] as const,
  menus: ['admin', 'menus'] as const,
  optionGroups: ['admin', 'option-groups'] as const,
  users: ['admin', 'users'] as const,
  stations: ['admin', 'stations'] as const,
  kitchenBoard: ['admin', 'kitchen', 'board'] as const,
  /** Staff calls: `open` (kept live on every screen), `done`, or `all`. */
  calls: (status: 'open' | 'done' | 'all') => ['admin', 'calls', status] as const,
  callsAll: ['admin', 'calls'] as const,
  callReasons: ['admin', 'call-reasons'] as const,
  sales: ['admin', 'sales'] as const,
  tableQr: (tableId: string) => ['admin', 'tables', tableId, 'qr'] as const,
  settings: ['admin', 'settings'] as const,
};
