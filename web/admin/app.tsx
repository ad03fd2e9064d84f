import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { AppProviders } from '@shared/ui/app-providers';
import { SignInPage } from './features/auth/components/sign-in-page';
import { DashboardPage } from './features/dashboard/components/dashboard-page';
import { MenusPage } from './features/menus/components/menus-page';
import { SettingsPage } from './features/settings/components/settings-page';
import { StaffPage } from './features/staff/components/staff-page';
import { QrSheetPage } from './features/tables/components/qr-sheet-page';
import { TableHistoryPage } from './features/tables/components/table-history-page';
import { TablesPage } from './features/tables/components/tables-page';
import { queryClient, session } from './lib/session';
import { AdminLayout } from './shell/admin-layout';

/** Signed-in screens only; anyone else goes to sign-in and comes back after. */
function RequireSession() {
  const current = session.useSession();
  const location = useLocation();
  if (!current) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AdminLayout principal={current.principal} />;
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
        { index: true, element: <DashboardPage /> },
        { path: 'tables', element: <TablesPage /> },
        { path: 'tables/:tableId/history', element: <TableHistoryPage /> },
        { path: 'tables/qr-sheet', element: <QrSheetPage /> },
        { path: 'settings', element: <SettingsPage /> },
        { path: 'menus', element: <MenusPage /> },
        { element: <OwnerOnly />, children: [{ path: 'staff', element: <StaffPage /> }] },
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
