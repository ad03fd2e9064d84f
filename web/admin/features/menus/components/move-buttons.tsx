import { ActionIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface MoveButtonsProps {
  /** The item's place in its list of `count`. */
  index: number;
  count: number;
  /** A reorder is being saved; no other move until it is. */
  busy: boolean;
  onMove: (delta: -1 | 1) => void;
}

/** Up and down arrows that move one item of an ordered list by one place. */
export function MoveButtons({ index, count, busy, onMove }: MoveButtonsProps) {
  const { t } = useTranslation();
  return (
    <>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t('menus.moveUp')}
        disabled={index === 0 || busy}
        onClick={() => onMove(-1)}
      >
        ▲
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t('menus.moveDown')}
        disabled={index === count - 1 || busy}
        onClick={() => onMove(1)}
      >
        ▼
      </ActionIcon>
    </>
  );
}
