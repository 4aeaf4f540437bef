// The signed-in frame: side menu built from the route table (filtered by the user's roles),
// header with the user's name and agency, language switch, change password and log out.
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Menu, Space, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, matchPath, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import { useLogout } from '../modules/auth/api';
import { ChangePasswordDialog } from '../modules/auth/components/ChangePasswordDialog';
import { hasAnyRole } from '../modules/auth/model';
import { FullPageSpin, useCurrentUser } from '../modules/auth/session';
import { LanguageSwitch } from './components/LanguageSwitch';
import type { AppRoute } from './router';
import './layout.css';

export function AppLayout({ routes }: { routes: readonly AppRoute[] }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const { token } = theme.useToken();

  const visible = routes.filter((route) => hasAnyRole(user, route.roles));
  // A process page belongs under its procedure in the menu.
  const menuPath = location.pathname.replace(/^\/processes\//, '/procedures/');
  const selected = visible.find((route) => matchPath({ path: route.path, end: route.path === '/' }, menuPath));

  const doLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Layout className="app-shell">
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={240}
        breakpoint="lg"
        className="app-sider"
      >
        <div className="app-logo" onClick={() => navigate('/')} role="link" tabIndex={0}>
          <svg viewBox="0 0 32 32" width="30" height="30" aria-hidden>
            <rect width="32" height="32" rx="7" fill={token.colorPrimary} />
            <path d="M9 16.5l4.5 4.5L23 11" fill="none" stroke="#fff" strokeWidth="3"
              strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {!collapsed && (
            <span className="app-logo-text">
              <strong>{t('app.product.name')}</strong>
              <small>ISO 9001:2015</small>
            </span>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={selected ? [selected.path] : []}
          onClick={({ key }) => navigate(key)}
          items={visible.map((route) => ({
            key: route.path,
            icon: route.icon,
            label: <span data-testid={`menu-${route.path === '/' ? 'dashboard' : route.path.slice(1)}`}>{t(route.menuKey)}</span>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header" style={{ background: token.colorBgContainer }}>
          <Typography.Text className="app-header-agency" type="secondary" ellipsis data-testid="header-agency">
            {user.agency_name}
          </Typography.Text>
          <Space size="middle">
            <LanguageSwitch size="small" />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />,
                    label: <span data-testid="menu-change-password">{t('app.header.changePassword')}</span> },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, danger: true,
                    label: <span data-testid="menu-logout">{t('app.header.logout')}</span> },
                ],
                onClick: ({ key }) => (key === 'logout' ? doLogout() : setPasswordOpen(true)),
              }}
            >
              <a className="app-user" data-testid="user-menu" onClick={(e) => e.preventDefault()}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                <span className="app-user-name">{user.full_name}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </a>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
