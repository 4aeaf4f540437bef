// Route guards over the session query: signed-out visitors go to /login (and come back after),
// and a page that needs a role shows "access denied" to everyone else.
import { Button, Result, Spin } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useT } from '../../i18n/I18nProvider';
import { errorText } from '../../lib/errors';
import { useSession } from './api';
import { hasAnyRole, type Role, type User } from './model';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireSession({ children }: { children: ReactNode }) {
  const t = useT();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) {
    return (
      <Result
        status="warning"
        title={t('app.error.loadFailed')}
        subTitle={errorText(session.error, t)}
        extra={<Button type="primary" onClick={() => void session.refetch()}>{t('app.action.retry')}</Button>}
      />
    );
  }
  if (!session.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <UserContext.Provider value={session.data.user}>{children}</UserContext.Provider>;
}

// The user as RequireSession last saw it: pages below it never observe a half-ended session.
const UserContext = createContext<User | null>(null);

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const t = useT();
  const user = useCurrentUser();
  if (!hasAnyRole(user, roles)) {
    return <Result status="403" title={t('app.forbidden.title')} subTitle={t('app.forbidden.text')} />;
  }
  return <>{children}</>;
}

// The signed-in user; only for components under RequireSession.
export function useCurrentUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useCurrentUser outside RequireSession');
  return user;
}
