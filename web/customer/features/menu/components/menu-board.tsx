import { useCallback, useEffect, useRef, useState } from 'react';
import type { Allergen, TableMenu, TableMenuItem } from '@contract/menus';
import { useStoreText } from '@customer/lib/store-text';
import { AllergyFilter } from './allergy-filter';
import { CategoryRail } from './category-rail';
import classes from './menu.module.css';
import { MenuCard } from './menu-card';

/** How far below the top of the list a section must reach to count as the one being read. */
const SPY_OFFSET = 24;

/**
 * The home screen's body: a category rail that jumps to each section and follows the scroll
 * (scroll-spy), and the photo cards of every category in one list.
 */
export function MenuBoard({
  menu,
  quantities,
  onOpen,
  onAdd,
  avoid,
  hidden = 0,
  onAvoidChange,
}: {
  /** As the guest sees it (viewMenu): in their language, without the dishes they avoid. */
  menu: TableMenu;
  quantities: Map<string, number>;
  onOpen: (menu: TableMenuItem) => void;
  onAdd: (menu: TableMenuItem) => void;
  /** Allergens the guest avoids; the filter shows when a way to change them is given. */
  avoid?: Allergen[];
  hidden?: number;
  onAvoidChange?: (avoid: Allergen[]) => void;
}) {
  const categories = menu.categories.filter((c) => c.menus.length > 0);
  const text = useStoreText();
  const [activeId, setActiveId] = useState<string | null>(categories[0]?.id ?? null);
  const list = useRef<HTMLDivElement>(null);
  const jumping = useRef<ReturnType<typeof setTimeout> | null>(null);

  const spy = useCallback(() => {
    const container = list.current;
    if (!container || jumping.current) return;
    const sections = Array.from(container.querySelectorAll<HTMLElement>('[data-category-id]'));
    const top = container.scrollTop + SPY_OFFSET;
    let current = sections[0];
    for (const section of sections) if (section.offsetTop - container.offsetTop <= top) current = section;
    // At the very bottom the last (often short) section is the one the guest is looking at.
    if (container.scrollTop + container.clientHeight >= container.scrollHeight - 2) current = sections.at(-1);
    setActiveId(current?.dataset.categoryId ?? null);
  }, []);

  useEffect(() => {
    const container = list.current;
    if (!container) return;
    container.addEventListener('scroll', spy, { passive: true });
    return () => container.removeEventListener('scroll', spy);
  }, [spy]);

  useEffect(
    () => () => {
      if (jumping.current) clearTimeout(jumping.current);
    },
    [],
  );

  const jumpTo = (id: string) => {
    const container = list.current;
    const section = container?.querySelector<HTMLElement>(`[data-category-id="${id}"]`);
    if (!container || !section) return;
    setActiveId(id);
    // The smooth scroll passes other sections; the tapped tab stays active until it settles.
    if (jumping.current) clearTimeout(jumping.current);
    jumping.current = setTimeout(() => {
      jumping.current = null;
    }, 700);
    container.scrollTo({ top: section.offsetTop - container.offsetTop, behavior: 'smooth' });
  };

  let index = 0;
  return (
    <div className={classes.board}>
      <CategoryRail categories={categories} activeId={activeId} onSelect={jumpTo} />
      <div ref={list} className={classes.sections} data-testid="menu-sections">
        {onAvoidChange && <AllergyFilter avoid={avoid ?? []} hidden={hidden} onChange={onAvoidChange} />}
        {categories.map((category) => (
          <section
            key={category.id}
            className={classes.section}
            data-category-id={category.id}
            aria-labelledby={`category-${category.id}`}
          >
            <h2 id={`category-${category.id}`} className={classes.sectionTitle}>
              {text(category).name}
            </h2>
            <div className={classes.grid}>
              {category.menus.map((item) => (
                <MenuCard
                  key={item.id}
                  menu={item}
                  eager={index++ < 8}
                  inCart={quantities.get(item.id) ?? 0}
                  onOpen={onOpen}
                  onAdd={onAdd}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
