import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { AppProviders } from '@shared/ui/app-providers';
import { SignInPage } from './features/auth/components/sign-in-page';
import { StoresSalesPage } from './features/sales/components/stores-sales-page';
import { StoreAdminsPage } from './features/store-admins/components/store-admins-page';
import { StoresPage } from './features/stores/components/stores-page';
import { queryClient, session } from './lib/session';
import { SuperadminLayout } from './shell/superadmin-layout';

function RequireSession() {
  const current = session.useSession();
  const location = useLocation();
  if (!current) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <SuperadminLayout principal={current.principal} />;
}

const router = createBrowserRouter(
  [
    { path: '/login', element: <SignInPage /> },
    {
      element: <RequireSession />,
      children: [
        { index: true, element: <StoresPage /> },
        { path: 'stores/:storeId', element: <StoreAdminsPage /> },
        { path: 'sales', element: <StoresSalesPage /> },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/superadmin' },
);

export function App() {
  return (
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
