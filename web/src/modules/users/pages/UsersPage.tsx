// User accounts (administrators): filter by agency and text, create, edit, lock/unlock, reset password.
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Space, Switch, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText, useApiErrorHandler } from '../../../lib/errors';
import { useDebounced } from '../../../lib/useDebounced';
import { roleLabelKey, type User } from '../../auth/model';
import { useAgencies } from '../../org/api';
import { agencyOptions, filterAgencyOption } from '../../org/components/agencyTreeSelect';
import { changesOf, useUpdateUser, useUsers } from '../api';
import { ResetPasswordDialog } from '../components/ResetPasswordDialog';
import { UserFormDialog } from '../components/UserFormDialog';

export default function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [agencyId, setAgencyId] = useState<number | null>(null);
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const users = useUsers({ agencyId, q });
  const agencies = useAgencies(false);
  const options = useMemo(() => agencyOptions(agencies.data ?? []), [agencies.data]);
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const toggleActive = (user: User) => {
    const active = !user.active;
    update.mutate({ id: user.id, changes: { ...changesOf(user), active } }, {
      onSuccess: () => void message.success(
        t(active ? 'users.active.activated' : 'users.active.deactivated', { username: user.username })),
      onError: (error) => onError(error),
    });
  };

  const columns: ColumnsType<User> = [
    {
      title: t('users.field.username'),
      dataIndex: 'username',
      width: 160,
      render: (value: string) => <Typography.Text strong>{value}</Typography.Text>,
    },
    {
      title: t('users.field.fullName'),
      dataIndex: 'full_name',
      render: (value: string, user) => (
        <Space direction="vertical" size={0}>
          <span>{value}</span>
          {user.email && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{user.email}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('users.field.agency'), dataIndex: 'agency_name', ellipsis: true },
    {
      title: t('users.field.roles'),
      dataIndex: 'roles',
      render: (_: unknown, user) => (
        <Space size={[4, 4]} wrap>
          {user.roles.map((role) => <Tag key={role} color={role === 'administrator' ? 'red' : 'blue'}>{t(roleLabelKey(role))}</Tag>)}
          {user.province_wide && <Tag color="gold">{t('users.field.provinceWide')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.field.active'),
      dataIndex: 'active',
      width: 120,
      render: (_: unknown, user) => (
        <Popconfirm
          title={t(user.active ? 'users.active.deactivateConfirm' : 'users.active.activateConfirm', { username: user.username })}
          okText={t(user.active ? 'users.active.lock' : 'users.active.unlock')}
          okButtonProps={{ danger: user.active }}
          cancelText={t('app.action.cancel')}
          onConfirm={() => toggleActive(user)}
        >
          <Switch size="small" checked={user.active} loading={update.isPending && update.variables?.id === user.id}
            aria-label={user.active ? t('users.status.active') : t('users.status.inactive')}
            data-testid={`user-active-${user.username}`} />
        </Popconfirm>
      ),
    },
    {
      title: t('users.list.actions'),
      key: 'actions',
      width: 110,
      align: 'right',
      render: (_: unknown, user) => (
        <Space>
          <Tooltip title={t('users.action.edit')}>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(user)}
              aria-label={t('users.action.edit')} data-testid={`user-edit-${user.username}`} />
          </Tooltip>
          <Tooltip title={t('users.action.resetPassword')}>
            <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(user)}
              aria-label={t('users.action.resetPassword')} data-testid={`user-reset-${user.username}`} />
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="users-page">
      <div className="page-header">
        <Typography.Title level={3}>{t('users.list.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
          {t('users.action.create')}
        </Button>
      </div>
      <Card>
        <Space wrap size="middle" style={{ marginBottom: 16 }}>
          <TreeSelect
            allowClear
            showSearch
            style={{ width: 360 }}
            placeholder={t('users.list.agencyFilter')}
            treeData={options}
            treeNodeFilterProp="title"
            filterTreeNode={filterAgencyOption}
            loading={agencies.isPending}
            value={agencyId ?? undefined}
            onChange={(value?: number) => setAgencyId(value ?? null)}
            popupMatchSelectWidth={false}
            data-testid="users-agency-filter"
          />
          <Input.Search
            allowClear
            style={{ width: 360 }}
            placeholder={t('users.list.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="users-search"
          />
        </Space>
        {users.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('app.error.loadFailed')}
            description={errorText(users.error, t)}
            action={<Button size="small" onClick={() => void users.refetch()}>{t('app.action.retry')}</Button>} />
        )}
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data ?? []}
          loading={users.isFetching}
          rowClassName={(user) => (user.active ? '' : 'row-inactive')}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.list.empty')} /> }}
          pagination={{
            defaultPageSize: 20,
            showSizeChanger: true,
            showTotal: (total) => t('users.list.count', { count: total }),
          }}
          data-testid="users-table"
        />
      </Card>
      {editing && (
        <UserFormDialog
          user={editing === 'new' ? null : editing}
          defaultAgencyId={agencyId}
          agencies={agencies.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />}
    </div>
  );
}
