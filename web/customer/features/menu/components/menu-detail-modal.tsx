import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Menu } from '@contract/menus';
import { MAX_LINE_QUANTITY } from '@contract/orders';
import { DishImage } from '@customer/components/dish-image';
import { QuantityStepper } from '@customer/components/quantity-stepper';
import { useMoney } from '@customer/lib/money';
import { useStoreText } from '@customer/lib/store-text';
import { VISUALLY_HIDDEN } from '@shared/ui/visually-hidden';

/** The dish up close: big photo, description and a quantity before adding. */
export function MenuDetailModal<M extends Menu>({
  menu,
  onClose,
  onAdd,
}: {
  menu: M | null;
  onClose: () => void;
  onAdd: (menu: M, quantity: number) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const text = useStoreText();
  const { name, description } = menu ? text(menu) : { name: '', description: '' };
  const [quantity, setQuantity] = useState(1);
  useEffect(() => {
    if (menu) setQuantity(1);
  }, [menu]);

  const soldOut = menu ? !menu.isAvailable : false;
  return (
    <Modal
      opened={menu !== null}
      onClose={onClose}
      size={560}
      radius="lg"
      padding={0}
      centered
      withCloseButton={false}
      // The dish's name names the dialog for screen readers; the photo stays at the top.
      title={name}
      styles={{ header: VISUALLY_HIDDEN }}
      data-testid="menu-detail"
    >
      {menu && (
        <Stack gap={0}>
          <div style={{ aspectRatio: '16 / 10', width: '100%' }}>
            <DishImage src={menu.imageUrls?.detail ?? menu.imageUrl} alt={name} soldOut={soldOut} eager />
          </div>
          <Stack gap="md" p="xl">
            <div>
              <Title order={2} fz={26}>
                {name}
              </Title>
              {description && (
                <Text c="dimmed" mt={6} fz="md">
                  {description}
                </Text>
              )}
              {menu.allergens.length > 0 && (
                <Text c="dimmed" mt={6} fz="sm" data-testid="menu-allergens">
                  {t('menu.contains', {
                    list: menu.allergens.map((code) => t(`common:allergens.${code}`)).join(', '),
                  })}
                </Text>
              )}
            </div>
            <Group justify="space-between" align="center">
              <Text fz={26} fw={800}>
                {money(menu.price)}
              </Text>
              {soldOut ? (
                <Text fz="lg" fw={800} c="gray.6">
                  {t('menu.soldOut')}
                </Text>
              ) : (
                <QuantityStepper value={quantity} max={MAX_LINE_QUANTITY} onChange={setQuantity} size="lg" />
              )}
            </Group>
            <Group grow gap="sm">
              <Button size="xl" variant="default" onClick={onClose}>
                {t('common:actions.close')}
              </Button>
              <Button size="xl" disabled={soldOut} onClick={() => onAdd(menu, quantity)} data-testid="menu-detail-add">
                {soldOut
                  ? t('menu.soldOut')
                  : t('menu.addToCart', { count: quantity, amount: money(menu.price * quantity) })}
              </Button>
            </Group>
          </Stack>
        </Stack>
      )}
    </Modal>
  );
}
