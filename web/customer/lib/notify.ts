import { createNotificationsStore, notifications } from '@mantine/notifications';

/** The tablet's own toasts, shown by `Toaster` at the bottom, away from the header and its buttons. */
export const toasts = createNotificationsStore();

/**
 * A short message that goes away by itself. One at a time: a new one replaces the last, so quick
 * taps never build a tower. No close button: Mantine's is 28 px, too small for a finger, and a
 * toast that closes itself needs none.
 */
export function notify(message: string, color: string, autoClose = 3_000): void {
  notifications.clean(toasts);
  notifications.show({ message, color, autoClose, withCloseButton: false }, toasts);
}
