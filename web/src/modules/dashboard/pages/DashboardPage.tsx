// Overview after login: who you are, where you work, what you may do. Statistics come with the
// dossiers and quality modules; until then no placeholder numbers are shown.
import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { roleLabelKey } from '../../auth/model';
import { useCurrentUser } from '../../auth/session';

export default function DashboardPage() {
  const t = useT();
  const user = useCurrentUser();
  const isAdmin = user.roles.includes('administrator');
  const links = [
    { to: '/agencies', icon: <ApartmentOutlined />, text: t('dashboard.next.agencies') },
    ...(isAdmin ? [{ to: '/users', icon: <TeamOutlined />, text: t('dashboard.next.users') }] : []),
  ];

  return (
    <div data-testid="dashboard-page">
      <div className="page-header">
        <Typography.Title level={3}>{t('dashboard.greeting', { name: user.full_name })}</Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('dashboard.account')}>
            <Descriptions column={1} bordered size="middle" labelStyle={{ width: 200 }}>
              <Descriptions.Item label={t('dashboard.username')}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.email')}>{user.email || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.agency')}>
                <span data-testid="dashboard-agency">{user.agency_name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboard.roles')}>
                {user.roles.length === 0
                  ? <Typography.Text type="secondary">{t('dashboard.noRoles')}</Typography.Text>
                  : (
                    <Space size={[4, 8]} wrap data-testid="dashboard-roles">
                      {user.roles.map((role) => <Tag color="blue" key={role}>{t(roleLabelKey(role))}</Tag>)}
                    </Space>
                  )}
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboard.scope')}>
                {user.province_wide ? t('dashboard.scope.province') : t('dashboard.scope.agency')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('dashboard.next.title')}>
            <List
              dataSource={links}
              renderItem={(item) => (
                <List.Item>
                  <Link to={item.to}><Space>{item.icon}{item.text}</Space></Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
