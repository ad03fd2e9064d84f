import { createTheme, DEFAULT_THEME } from '@mantine/core';
import { accessibleColors } from './accessible-colors';

export const theme = createTheme({
  // Text and white-on-colour stay at WCAG AA contrast in every palette (see accessible-colors).
  colors: accessibleColors(DEFAULT_THEME.colors),
  primaryColor: 'orange',
  primaryShade: 7,
  fontFamily:
    "'Pretendard', 'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif",
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
});
