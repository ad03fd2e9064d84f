import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { AppProviders } from '@shared/ui/app-providers';
import { LoadingState } from '@shared/ui/query-state';
import { SignInPage } from './features/auth/components/sign-in-page';
import { CallsPage } from './features/calls/components/calls-page';
import { DashboardPage } from './features/dashboard/components/dashboard-page';
import { KitchenPage } from './features/kitchen/components/kitchen-page';
import { StationsPage } from './features/kitchen/components/stations-page';
import { MenusPage } from './features/menus/components/menus-page';
import { OptionGroupsPage } from './features/option-groups/components/option-groups-page';
import { SettingsPage } from './features/settings/components/settings-page';
import { StaffPage } from './features/staff/components/staff-page';
import { QrSheetPage } from './features/tables/components/qr-sheet-page';
import { TableHistoryPage } from './features/tables/components/table-history-page';
import { TablesPage } from './features/tables/components/tables-page';
import { queryClient, session } from './lib/session';
import { AdminLayout } from './shell/admin-layout';

// Charts are heavy: the 매출 screen loads them when an owner opens it.
const SalesPage = lazy(() => import('./features/sales/components/sales-page').then((m) => ({ default: m.SalesPage })));

/** Signed-in screens only; anyone else goes to sign-in and comes back after. */
function RequireSession() {
  const current = session.useSession();
  const location = useLocation();
  if (!current) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AdminLayout principal={current.principal} />;
}

/** Kitchen devices (wall screens, the print agent's account) see the kitchen display only. */
function FloorStaffOnly() {
  const current = session.useSession();
  return current?.principal.role === 'kitchen' ? <Navigate to="/kitchen" replace /> : <Outlet />;
}

/** Managers never see the staff screen; a typed URL lands on the dashboard. */
function OwnerOnly() {
  const current = session.useSession();
  return current?.principal.role === 'owner' ? <Outlet /> : <Navigate to="/" replace />;
}

const router = createBrowserRouter(
  [
    { path: '/login', element: <SignInPage /> },
    {
      element: <RequireSession />,
      children: [
        { path: 'kitchen', element: <KitchenPage /> },
        {
          element: <FloorStaffOnly />,
          children: [
            { index: true, element: <DashboardPage /> },
            { path: 'calls', element: <CallsPage /> },
            { path: 'tables', element: <TablesPage /> },
            { path: 'tables/:tableId/history', element: <TableHistoryPage /> },
            { path: 'tables/qr-sheet', element: <QrSheetPage /> },
            { path: 'settings', element: <SettingsPage /> },
            { path: 'menus', element: <MenusPage /> },
            { path: 'option-groups', element: <OptionGroupsPage /> },
            { path: 'stations', element: <StationsPage /> },
            {
              element: <OwnerOnly />,
              children: [
                { path: 'staff', element: <StaffPage /> },
                {
                  path: 'sales',
                  element: (
                    <Suspense fallback={<LoadingState />}>
                      <SalesPage />
                    </Suspense>
                  ),
                },
              ],
            },
          ],
        },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/admin' },
);

export function App() {
  return (
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
