import { z } from 'zod';
import { Id, IsoDateTime, TableNumber, Won } from './common.js';
import { ItemOption, LineNote, OrderNote } from './orders.js';
import { Guests } from './tables.js';

export const GUEST_ORDERING = ['off', 'open-tables', 'any-table'] as const;

/**
 * Store settings (staff read, owners change). `guestOrdering`: may guests' phones order — not at
 * all, only at a table staff or its tablet opened, or at any table.
 */
export const StoreSettings = z.object({
  guestOrdering: z.enum(GUEST_ORDERING),
  askGuestCount: z.boolean(),
  requirePin: z.boolean(),
});
export type StoreSettings = z.infer<typeof StoreSettings>;

export const UpdateSettingsBody = StoreSettings.partial().refine(
  (body) => Object.keys(body).length > 0,
  'send at least one field',
);
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBody>;

/**
 * A QR code from the sticker; codes are random, so anything else is just unknown (401). `guests`
 * is how many sit down, sent when the phone opens the table (409 TABLE_NOT_OPEN with
 * `details.askGuests` asks for it).
 */
export const GuestLoginBody = z.object({
  code: z.string().trim().min(1).max(128),
  pin: z
    .string()
    .regex(/^\d{4}$/, 'must be 4 digits')
    .optional(),
  guests: Guests.optional(),
});
export type GuestLoginBody = z.infer<typeof GuestLoginBody>;

export const GuestLoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  table: z.object({ id: Id, number: TableNumber, storeId: Id, storeName: z.string() }),
  sessionId: Id.nullable(),
  /** How the shared cart names this phone ("손님 2"). */
  label: z.string(),
});
export type GuestLoginResponse = z.infer<typeof GuestLoginResponse>;

export const CartLine = z.object({
  lineId: Id,
  menuId: Id,
  name: z.string(),
  quantity: z.number().int(),
  optionIds: z.array(Id),
  options: z.array(ItemOption),
  note: z.string().nullable(),
  /** Priced from the menu as it is now. */
  unitPrice: Won,
  subtotal: Won,
  /** Sold out or gone since it was added: it cannot be ordered until taken out. */
  orderable: z.boolean(),
  addedBy: z.object({ kind: z.enum(['table', 'guest']), label: z.string() }),
});
export type CartLine = z.infer<typeof CartLine>;

/** The table's one shared cart: the tablet and every phone at the table fill it together. */
export const Cart = z.object({
  version: z.number().int(),
  items: z.array(CartLine),
  totalAmount: Won,
});
export type Cart = z.infer<typeof Cart>;

export const AddCartItemBody = z.object({
  menuId: Id,
  quantity: z.number().int().min(1).max(99),
  optionIds: z.array(Id).max(60).optional(),
  note: LineNote.optional(),
});
export type AddCartItemBody = z.infer<typeof AddCartItemBody>;

export const UpdateCartItemBody = z.object({ quantity: z.number().int().min(0).max(99) });
export type UpdateCartItemBody = z.infer<typeof UpdateCartItemBody>;

export const CheckoutBody = z.object({ expectedVersion: z.number().int().min(0), note: OrderNote.optional() });
export type CheckoutBody = z.infer<typeof CheckoutBody>;
