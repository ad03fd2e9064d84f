import type { CSSProperties } from 'react';

/**
 * Out of sight but read by screen readers: for a dialog's title when the design shows the name
 * elsewhere (Mantine names a dialog by its title).
 */
export const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
