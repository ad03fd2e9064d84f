import { Button, Chip, Group, Popover, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ALLERGENS, type Allergen } from '@contract/menus';

/** The guest picks allergens to avoid; dishes containing any of them leave the menu. */
export function AllergyFilter({
  avoid,
  hidden,
  onChange,
}: {
  avoid: Allergen[];
  hidden: number;
  onChange: (avoid: Allergen[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" px="md" pt="sm" wrap="nowrap" data-testid="allergy-filter">
      <Popover position="bottom-start" shadow="md" width={420} withArrow>
        <Popover.Target>
          <Button
            variant={avoid.length > 0 ? 'filled' : 'default'}
            color="orange"
            size="md"
            h={44}
            radius="xl"
            data-testid="allergy-filter-open"
          >
            {avoid.length > 0 ? t('menu.allergyActive', { count: avoid.length }) : t('menu.allergyFilter')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="sm">
            <Text fz="sm" c="dimmed">
              {t('menu.allergyHint')}
            </Text>
            <Chip.Group multiple value={avoid} onChange={(value) => onChange(value as Allergen[])}>
              <Group gap={6}>
                {ALLERGENS.map((code) => (
                  <Chip key={code} value={code} size="md" color="red" data-testid={`allergen-${code}`}>
                    {t(`common:allergens.${code}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {avoid.length > 0 && (
              <Button variant="subtle" color="gray" onClick={() => onChange([])}>
                {t('menu.allergyClear')}
              </Button>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {hidden > 0 && (
        <Text fz="sm" c="dimmed" data-testid="allergy-hidden">
          {t('menu.allergyHidden', { count: hidden })}
        </Text>
      )}
    </Group>
  );
}
