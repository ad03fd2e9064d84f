export const queryKeys = {
  stores: ['superadmin', 'stores'] as const,
  sales: ['superadmin', 'sales'] as const,
  admins: (storeId: string) => ['superadmin', 'stores', storeId, 'admins'] as const,
};
