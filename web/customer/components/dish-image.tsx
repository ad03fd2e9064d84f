import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './dish-image.module.css';
import { BowlIcon } from './icons';

/** A dish photo, or a warm placeholder when there is none (or it fails to load). */
export function DishImage({
  src,
  alt,
  soldOut = false,
  compact = false,
  eager = false,
}: {
  src: string | null;
  alt: string;
  soldOut?: boolean;
  compact?: boolean;
  eager?: boolean;
}) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState<string | null>(null);
  const showImage = src && failed !== src;
  const className = [classes.frame, soldOut && classes.soldOut, compact && classes.compact].filter(Boolean).join(' ');
  return (
    <div className={className}>
      {showImage ? (
        <img
          className={classes.image}
          src={src}
          alt={alt}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          draggable={false}
          onError={() => setFailed(src)}
        />
      ) : (
        <div className={classes.placeholder} role="img" aria-label={alt}>
          <BowlIcon size={compact ? 24 : 44} strokeWidth={1.6} />
          <span>{t('menu.noImage')}</span>
        </div>
      )}
    </div>
  );
}
