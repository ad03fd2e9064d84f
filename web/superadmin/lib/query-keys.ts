export const queryKeys = {
  stores: ['superadmin', 'stores'] as const,
  admins: (storeId: string) => ['superadmin', 'stores', storeId, 'admins'] as const,
};
