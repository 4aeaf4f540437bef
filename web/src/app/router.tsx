// The route table: each page with its path, menu entry and the roles that may open it
// (empty: every signed-in user). The side menu and the guards are both built from it.
import {
  ApartmentOutlined, AuditOutlined, BarChartOutlined, InboxOutlined, CalendarOutlined, DashboardOutlined, FileProtectOutlined, SafetyCertificateOutlined, TeamOutlined,
} from '@ant-design/icons';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import type { MessageKey } from '../i18n/messages';
import type { Role } from '../modules/auth/model';
import { FullPageSpin, RequireRole, RequireSession } from '../modules/auth/session';
import { AppLayout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  menuKey: MessageKey;
  icon: ReactNode;
  roles: readonly Role[];
}

export const appRoutes: readonly AppRoute[] = [
  {
    path: '/',
    page: lazy(() => import('../modules/dashboard/pages/DashboardPage')),
    menuKey: 'app.menu.dashboard',
    icon: <DashboardOutlined />,
    roles: [],
  },
  {
    path: '/agencies',
    page: lazy(() => import('../modules/org/pages/AgencyTreePage')),
    menuKey: 'app.menu.agencies',
    icon: <ApartmentOutlined />,
    roles: [],
  },
  {
    path: '/calendar',
    page: lazy(() => import('../modules/calendar/pages/CalendarPage')),
    menuKey: 'app.menu.calendar',
    icon: <CalendarOutlined />,
    roles: [],
  },
  {
    path: '/documents',
    page: lazy(() => import('../modules/documents/pages/DocumentsPage')),
    menuKey: 'app.menu.documents',
    icon: <FileProtectOutlined />,
    roles: [],
  },
  {
    path: '/qms',
    page: lazy(() => import('../modules/documents/pages/QmsPage')),
    menuKey: 'app.menu.qms',
    icon: <SafetyCertificateOutlined />,
    roles: [],
  },
  {
    path: '/procedures',
    page: lazy(() => import('../modules/procedures/pages/ProceduresPage')),
    menuKey: 'app.menu.procedures',
    icon: <AuditOutlined />,
    roles: [],
  },
  {
    path: '/dossiers',
    page: lazy(() => import('../modules/dossiers/pages/DossiersPage')),
    menuKey: 'app.menu.dossiers',
    icon: <InboxOutlined />,
    roles: ['clerk', 'officer', 'leader'],
  },
  {
    path: '/statistics',
    page: lazy(() => import('../modules/dossiers/pages/StatisticsPage')),
    menuKey: 'app.menu.statistics',
    icon: <BarChartOutlined />,
    roles: ['clerk', 'officer', 'leader', 'iso_secretary', 'administrator', 'dost_evaluator'],
  },
  {
    path: '/users',
    page: lazy(() => import('../modules/users/pages/UsersPage')),
    menuKey: 'app.menu.users',
    icon: <TeamOutlined />,
    roles: ['administrator'],
  },
];

// Pages reached from another page, not from the menu; the menu highlights their parent entry.
export const detailRoutes: readonly Omit<AppRoute, 'menuKey' | 'icon'>[] = [
  {
    path: '/documents/:id',
    page: lazy(() => import('../modules/documents/pages/DocumentPage')),
    roles: [],
  },
  {
    path: '/procedures/:id',
    page: lazy(() => import('../modules/procedures/pages/ProcedurePage')),
    roles: [],
  },
  {
    path: '/processes/:id',
    page: lazy(() => import('../modules/procedures/pages/ProcessPage')),
    roles: [],
  },
  {
    path: '/dossiers/new',
    page: lazy(() => import('../modules/dossiers/pages/ReceivePage')),
    roles: ['clerk'],
  },
  {
    path: '/dossiers/:id',
    page: lazy(() => import('../modules/dossiers/pages/DossierPage')),
    roles: ['clerk', 'officer', 'leader', 'administrator'],
  },
];

const LoginPage = lazy(() => import('../modules/auth/pages/LoginPage'));
const LookupPage = lazy(() => import('../modules/dossiers/pages/LookupPage'));

export function createAppRouter() {
  return createBrowserRouter(
    [
      {
        path: '/login',
        element: <Suspense fallback={<FullPageSpin />}><LoginPage /></Suspense>,
      },
      {
        // The public lookup: no session.
        path: '/tra-cuu',
        element: <Suspense fallback={<FullPageSpin />}><LookupPage /></Suspense>,
      },
      {
        element: <RequireSession><AppLayout routes={appRoutes} /></RequireSession>,
        children: [
          ...[...appRoutes, ...detailRoutes].map(({ path, page: Page, roles }) => ({
            path,
            element: <RequireRole roles={roles}><Page /></RequireRole>,
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
    { future: { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true,
      v7_partialHydration: true, v7_skipActionErrorRevalidation: true } },
  );
}
