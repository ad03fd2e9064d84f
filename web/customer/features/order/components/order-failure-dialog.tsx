import { Button, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorCodes } from '@contract/errors';
import type { ApiError } from '@shared/api/client';
import { errorText } from '@shared/ui/error-text';

/** Why the server refused the order; the cart is still there to fix. */
export function OrderFailureDialog({
  error,
  soldOutNames,
  onClose,
}: {
  error: ApiError | null;
  /** Names of the cart's dishes that are sold out, when known. */
  soldOutNames: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  let reason = '';
  if (error?.code === ErrorCodes.menuSoldOut) {
    reason =
      soldOutNames.length > 0 ? t('order.soldOut', { names: soldOutNames.join(', ') }) : t('order.soldOutUnknown');
  } else if (error?.code === ErrorCodes.optionSoldOut) {
    reason = t('order.optionSoldOut');
  } else if (error?.code === ErrorCodes.cartChanged) {
    reason = t('sharedCart.changed');
  } else if (error?.code === ErrorCodes.validationFailed || error?.code === ErrorCodes.notFound) {
    reason = t('order.invalid');
  } else if (error) {
    reason = errorText(t, error);
  }
  return (
    <Modal
      opened={error !== null}
      onClose={onClose}
      title={
        <Text fz={22} fw={800} c="red.8">
          {t('order.failedTitle')}
        </Text>
      }
      size={480}
      radius="lg"
      padding="xl"
      centered
      closeButtonProps={{ size: 'xl', 'aria-label': t('common:actions.close') }}
      data-testid="order-failure"
    >
      <Stack gap="md">
        <Text fz="lg" data-testid="order-failure-reason">
          {reason}
        </Text>
        <Text c="dimmed">{t('order.cartKept')}</Text>
        <Button size="xl" onClick={onClose}>
          {t('common:actions.confirm')}
        </Button>
      </Stack>
    </Modal>
  );
}
