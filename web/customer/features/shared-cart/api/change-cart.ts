import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddCartItemBody, Cart, CheckoutBody } from '@contract/guests';
import type { Order } from '@contract/orders';
import { api } from '@customer/lib/api';
import { newerCart, sharedCartQueryKey } from './get-cart';

export const addToSharedCart = (body: AddCartItemBody) => api.post<Cart>('/table/cart/items', body);
export const setSharedCartQuantity = (lineId: string, quantity: number) =>
  api.patch<Cart>(`/table/cart/items/${lineId}`, { quantity });
export const clearSharedCart = () => api.delete<Cart>('/table/cart');

/** Orders the cart as it was seen (`expectedVersion`); the same key on a retry answers the same order. */
export const checkoutSharedCart = (body: CheckoutBody, idempotencyKey: string) =>
  api.post<Order>('/table/cart/checkout', body, { headers: { 'idempotency-key': idempotencyKey } });

/** The cart changes, each answer written to the cache (the stream brings the same to the others). */
export function useChangeSharedCart() {
  const queryClient = useQueryClient();
  const keep = (cart: Cart) =>
    queryClient.setQueryData<Cart>(sharedCartQueryKey, (current) => newerCart(current, cart));
  return {
    add: useMutation({ mutationFn: addToSharedCart, onSuccess: keep }),
    setQuantity: useMutation({
      mutationFn: ({ lineId, quantity }: { lineId: string; quantity: number }) =>
        setSharedCartQuantity(lineId, quantity),
      onSuccess: keep,
    }),
    clear: useMutation({ mutationFn: clearSharedCart, onSuccess: keep }),
  };
}
