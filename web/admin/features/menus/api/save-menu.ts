import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { CreateMenuBody, Menu, UpdateMenuBody } from '@contract/menus';

export function createMenu(body: CreateMenuBody): Promise<Menu> {
  return api.post<Menu>('/admin/menus', body);
}

export function updateMenu(input: { menuId: string; body: UpdateMenuBody }): Promise<Menu> {
  return api.patch<Menu>(`/admin/menus/${input.menuId}`, input.body);
}

/** multipart field `file`; the server checks the content (JPEG/PNG/WebP) and the size. */
export function uploadMenuImage(input: { menuId: string; file: File }): Promise<Menu> {
  const form = new FormData();
  form.append('file', input.file);
  return api.post<Menu>(`/admin/menus/${input.menuId}/image`, form);
}

function putInCache(menu: Menu) {
  queryClient.setQueryData<{ menus: Menu[] }>(queryKeys.menus, (data) => {
    if (!data) return data;
    const exists = data.menus.some((m) => m.id === menu.id);
    return { menus: exists ? data.menus.map((m) => (m.id === menu.id ? menu : m)) : [...data.menus, menu] };
  });
}

export function useCreateMenu() {
  return useMutation({ mutationFn: createMenu, onSuccess: putInCache });
}

export function useUpdateMenu() {
  return useMutation({ mutationFn: updateMenu, onSuccess: putInCache });
}

export function useUploadMenuImage() {
  return useMutation({ mutationFn: uploadMenuImage, onSuccess: putInCache });
}

/** The sold-out switch flips at once and flips back if the server refuses. */
export function useToggleAvailable() {
  return useMutation({
    mutationFn: (input: { menu: Menu; isAvailable: boolean }) =>
      updateMenu({ menuId: input.menu.id, body: { isAvailable: input.isAvailable } }),
    onMutate: ({ menu, isAvailable }) => putInCache({ ...menu, isAvailable }),
    onSuccess: putInCache,
    onError: (_error, { menu }) => putInCache(menu),
  });
}
