import { Notifications } from '@mantine/notifications';
import { toasts } from '../lib/notify';
import classes from './toaster.module.css';

/**
 * Where `notify` messages appear: bottom centre, above the phone's cart bar, never over the
 * header, the category chips or the order button; taps go through to what is underneath.
 */
export function Toaster() {
  return (
    <Notifications
      store={toasts}
      position="bottom-center"
      limit={1}
      containerWidth={420}
      transitionDuration={150}
      className={classes.toaster}
    />
  );
}
