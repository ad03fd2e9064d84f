import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { createQueryClient } from '@shared/api/query-client';
import { AppProviders } from '@shared/ui/app-providers';
import { Toaster } from './components/toaster';
import './shell/easy-mode.css';
import { useDevice } from './lib/device';
import { GuestRoute, ScanRoute } from './routes/guest-route';
import { MenuRoute } from './routes/menu-route';
import { OrdersRoute } from './routes/orders-route';
import { SetupRoute } from './routes/setup-route';
import { LockScreen } from './shell/lock-screen';
import { TableLayout } from './shell/table-layout';

const queryClient = createQueryClient();

/**
 * The table screens need a set-up device. Only a device never set up goes to the setup form; one
 * that cannot sign in any more shows guests the lock screen, never the staff-only form.
 */
function TableScreens() {
  const state = useDevice();
  if (state.kind === 'unconfigured') return <Navigate to="/setup" replace />;
  if (state.kind === 'locked') return <LockScreen state={state} />;
  return <TableLayout key={state.table.id} table={state.table} />;
}

const router = createBrowserRouter([
  { path: '/setup', element: <SetupRoute /> },
  // Guests' own phones: the table's QR code opens /q/<code>.
  { path: '/q/:code', element: <ScanRoute /> },
  { path: '/q', element: <GuestRoute /> },
  {
    path: '/',
    element: <TableScreens />,
    children: [
      { index: true, element: <MenuRoute /> },
      { path: 'orders', element: <OrdersRoute /> },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);

export function App() {
  return (
    <AppProviders client={queryClient}>
      <Toaster />
      <RouterProvider router={router} />
    </AppProviders>
  );
}
