import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Cart } from '@contract/guests';
import { api } from '@customer/lib/api';

export const sharedCartQueryKey = ['table', 'cart'] as const;

export function getSharedCart(): Promise<Cart> {
  return api.get<Cart>('/table/cart');
}

export const sharedCartQueryOptions = queryOptions({
  queryKey: sharedCartQueryKey,
  queryFn: getSharedCart,
});

/** The table's one cart, as the tablet and every phone at the table see it. */
export function useSharedCart(enabled = true) {
  return useQuery({ ...sharedCartQueryOptions, enabled });
}

/**
 * The newer of two carts: answers and stream events may arrive in either order, and every change
 * moves the version on, so the higher version is what the cart is now.
 */
export function newerCart(current: Cart | undefined, next: Cart): Cart {
  return !current || next.version >= current.version ? next : current;
}

/** How many dishes the cart holds (lines that can be ordered). */
export function cartCount(cart: Cart | undefined): number {
  return (cart?.items ?? []).filter((line) => line.orderable).reduce((sum, line) => sum + line.quantity, 0);
}
