import { notifications } from '@mantine/notifications';

/**
 * A short message that goes away by itself. No close button: Mantine's is 28 px, too small for
 * a finger, and a toast that closes itself needs none.
 */
export function notify(message: string, color: string, autoClose = 3_000): void {
  notifications.show({ message, color, autoClose, withCloseButton: false });
}
