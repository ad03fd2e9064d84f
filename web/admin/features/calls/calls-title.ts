import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenCalls } from '@admin/lib/calls-api';

/** The tab's title with the tables calling in front: "🔔 호출 2 · 테이블오더 매장 관리". */
export function titleWithCalls(base: string, count: number, prefix: string): string {
  return count > 0 ? `${prefix} · ${base}` : base;
}

/** The page's own title, as the HTML gave it, before any count was put in front. */
let baseTitle: string | null = null;

/**
 * Keeps the browser tab's title telling how many tables are calling, so a tab in the background
 * (or a screen other than the dashboard) still shows it; the open calls stay live on every screen.
 */
export function useCallsTitle(): void {
  const { t } = useTranslation();
  const calls = useOpenCalls();
  const count = calls.data?.length ?? 0;
  useEffect(() => {
    baseTitle ??= document.title;
    const base = baseTitle;
    document.title = titleWithCalls(base, count, t('calls.tabTitle', { count }));
    return () => {
      document.title = base;
    };
  }, [count, t]);
}
