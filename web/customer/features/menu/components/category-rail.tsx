import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '@contract/menus';
import { useStoreText } from '@customer/lib/store-text';
import classes from './menu.module.css';

export function CategoryRail({
  categories,
  activeId,
  onSelect,
}: {
  categories: Category[];
  activeId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const text = useStoreText();
  const nav = useRef<HTMLElement>(null);

  // On a phone the rail is a horizontal strip: keep the active tab in view as the menu scrolls.
  useEffect(() => {
    const active = activeId ? nav.current?.querySelector<HTMLElement>(`[data-rail-id="${activeId}"]`) : null;
    if (active && nav.current && nav.current.scrollWidth > nav.current.clientWidth) {
      nav.current.scrollTo({ left: active.offsetLeft - 12, behavior: 'smooth' });
    }
  }, [activeId]);

  return (
    <nav ref={nav} className={classes.rail} aria-label={t('menu.categories')} data-testid="category-rail">
      {categories.map((c) => (
        <button
          key={c.id}
          type="button"
          className={classes.railItem}
          data-rail-id={c.id}
          aria-current={c.id === activeId ? 'true' : undefined}
          onClick={() => onSelect(c.id)}
        >
          {text(c).name}
        </button>
      ))}
    </nav>
  );
}
