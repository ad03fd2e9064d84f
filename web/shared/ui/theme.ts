import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, Drawer, Modal } from '@mantine/core';
import { accessibleColors } from './accessible-colors';

const colors = accessibleColors(DEFAULT_THEME.colors);

/**
 * The apps' theme. `closeLabel` names the close (×) button of every dialog and drawer for screen
 * readers, in the current language.
 */
export function createAppTheme(closeLabel: string) {
  return createTheme({
    // Text and white-on-colour stay at WCAG AA contrast in every palette (see accessible-colors).
    colors,
    primaryColor: 'orange',
    primaryShade: 7,
    fontFamily:
      "'Pretendard', 'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif",
    defaultRadius: 'md',
    headings: { fontWeight: '700' },
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
    },
  });
}

export const theme = createAppTheme('닫기');

/** Placeholders (Mantine's gray 5, 2:1) read as dimmed text, which is AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-placeholder': colors.gray?.[6] ?? '#495057' },
  dark: {},
});
