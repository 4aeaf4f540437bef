// Hệ thống QLCL: the user's quality management system — owner, member agencies, edition, scope,
// the history of announcements of conformity — with "add announcement", "edit" and "create our
// documents from the framework model" for its leader and ISO secretary; a form to register one
// when the agency has none. Province-wide users see every QMS of the province and pick one.
import { AppstoreAddOutlined, EditOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { capabilities } from '../actions';
import { useCreateFromFramework, useQmsList } from '../api';
import { AnnouncementDialog, QmsFormDialog } from '../components/QmsDialogs';
import { formatDate, type Announcement, type Qms, type ScopeItem } from '../model';

export default function QmsPage() {
  const t = useT();
  const user = useCurrentUser();
  const list = useQmsList();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<Qms | 'new' | null>(null);
  const agencies = useAgencies(false);
  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);

  if (list.isError) return <Alert type="error" showIcon message={errorText(list.error, t)} />;
  if (list.isPending) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  const all = list.data;
  const mine = all.find((q) => q.member_agency_ids.includes(user.agency_id)) ?? null;
  const provinceWide = user.province_wide;
  const selected = all.find((q) => q.id === selectedId) ?? mine ?? (provinceWide ? all[0] ?? null : null);
  const mayCreate = !mine && (user.roles.includes('leader') || user.roles.includes('iso_secretary')
    || (user.roles.includes('administrator') && provinceWide));

  return (
    <div data-testid="qms-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('documents.qms.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('documents.qms.subtitle')}</Typography.Text>
        </div>
        {mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="qms-create">
            {t('documents.qms.create')}
          </Button>
        )}
      </div>

      {!mine && !provinceWide && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="qms-none"
          message={t('documents.qms.none')} description={mayCreate ? t('documents.qms.noneCreate') : t('documents.qms.noneAsk')} />
      )}

      {provinceWide && (
        <Card size="small" title={t('documents.qms.all', { count: all.length })} style={{ marginBottom: 16 }}>
          <Table<Qms>
            size="small"
            rowKey="id"
            dataSource={all}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('documents.qms.empty') }}
            rowClassName={(q) => (q.id === selected?.id ? 'ant-table-row-selected' : '')}
            onRow={(q) => ({ onClick: () => setSelectedId(q.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('documents.qms.name'), dataIndex: 'name' },
              { title: t('documents.qms.owner'), dataIndex: 'owner_agency_id', render: (id: number) => agencyName.get(id) ?? `#${id}` },
              { title: t('documents.qms.edition'), dataIndex: 'edition', width: 170, render: (e: string) => `TCVN ISO 9001:${e}` },
              { title: t('documents.qms.scope'), width: 110, align: 'center', render: (_: unknown, q) => q.scope.length },
              { title: t('documents.qms.lastAnnouncement'), width: 170,
                render: (_: unknown, q) => {
                  const last = q.announcements[q.announcements.length - 1];
                  return last ? `${last.decision_number} · ${formatDate(last.decision_date)}` : <Tag>{t('documents.qms.notAnnounced')}</Tag>;
                } },
            ]}
          />
        </Card>
      )}

      {selected
        ? <QmsDetails qms={selected} agencyName={agencyName} onEdit={() => setEditing(selected)} />
        : provinceWide && <Empty description={t('documents.qms.empty')} />}

      {editing !== null && <QmsFormDialog qms={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function QmsDetails({ qms, agencyName, onEdit }: { qms: Qms; agencyName: Map<number, string>; onEdit: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { modal } = App.useApp();
  const caps = capabilities(user, qms);
  const mayEdit = caps.manager || (user.roles.includes('administrator') && user.province_wide);
  const [announcing, setAnnouncing] = useState(false);
  const framework = useCreateFromFramework();

  const runFramework = () => modal.confirm({
    title: t('documents.framework.button'),
    content: t('documents.framework.confirm'),
    okText: t('documents.framework.run'),
    cancelText: t('app.action.cancel'),
    okButtonProps: { 'data-testid': 'qms-framework-confirm' },
    onOk: () => new Promise<void>((resolve) => framework.mutate(qms.id, {
      onSuccess: (ids) => {
        resolve();
        modal.success({
          title: t('documents.framework.doneTitle'),
          content: ids.length === 0 ? t('documents.framework.nothing') : t('documents.framework.done', { count: ids.length }),
          okText: t('app.action.close'),
        });
      },
      onError: (error) => { resolve(); modal.error({ title: t('documents.framework.button'), content: errorText(error, t) }); },
    })),
  });

  const members = qms.member_agency_ids.filter((id) => id !== qms.owner_agency_id);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="qms-details">
      <Card
        title={qms.name}
        extra={caps.manager || mayEdit ? (
          <Space wrap>
            {caps.manager && (
              <Button icon={<AppstoreAddOutlined />} onClick={runFramework} loading={framework.isPending} data-testid="qms-framework">
                {t('documents.framework.button')}
              </Button>
            )}
            {mayEdit && <Button icon={<EditOutlined />} onClick={onEdit} data-testid="qms-edit">{t('app.action.edit')}</Button>}
          </Space>
        ) : null}
      >
        <Descriptions column={1} bordered size="middle" labelStyle={{ width: 220 }}>
          <Descriptions.Item label={t('documents.qms.owner')}>
            <span data-testid="qms-owner">{agencyName.get(qms.owner_agency_id) ?? `#${qms.owner_agency_id}`}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('documents.qms.edition')}>TCVN ISO 9001:{qms.edition}</Descriptions.Item>
          <Descriptions.Item label={t('documents.qms.members')}>
            {members.length === 0
              ? <Typography.Text type="secondary">{t('documents.qms.noMembers')}</Typography.Text>
              : <Space size={[4, 8]} wrap>{members.map((id) => <Tag key={id}>{agencyName.get(id) ?? `#${id}`}</Tag>)}</Space>}
          </Descriptions.Item>
          <Descriptions.Item label={t('documents.qms.documents')}>
            <Link to="/documents">{t('documents.qms.openRegister')}</Link>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t('documents.qms.scopeCount', { count: qms.scope.length })}>
        <Table<ScopeItem>
          size="small"
          rowKey={(s) => s.code}
          dataSource={qms.scope}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('documents.qms.scopeEmpty') }}
          columns={[
            { title: t('documents.qms.scopeCode'), dataIndex: 'code', width: 160 },
            { title: t('documents.qms.scopeName'), dataIndex: 'name' },
          ]}
        />
      </Card>

      <Card size="small" title={t('documents.announce.history')}
        extra={caps.manager && (
          <Button size="small" type="primary" icon={<NotificationOutlined />} onClick={() => setAnnouncing(true)}
            data-testid="qms-announce">
            {t(qms.announcements.length > 0 ? 'documents.announce.reAdd' : 'documents.announce.add')}
          </Button>
        )}>
        <Table<Announcement>
          size="small"
          rowKey="id"
          dataSource={[...qms.announcements].reverse()}
          pagination={false}
          locale={{ emptyText: t('documents.announce.empty') }}
          columns={[
            { title: t('documents.announce.kind'), width: 130, render: (_: unknown, a) => (a.re_announcement
              ? <Tag color="blue">{t('documents.announce.re')}</Tag> : <Tag color="green">{t('documents.announce.first')}</Tag>) },
            { title: t('documents.announce.number'), dataIndex: 'decision_number' },
            { title: t('documents.announce.date'), dataIndex: 'decision_date', render: formatDate },
            { title: t('documents.announce.signer'), dataIndex: 'signer' },
            { title: t('documents.announce.dostNotice'), dataIndex: 'dost_notice_date', render: formatDate },
            { title: t('documents.announce.posted'),
              render: (_: unknown, a) => `${formatDate(a.posted_office_date)} / ${formatDate(a.posted_website_date)}` },
            { title: t('documents.qms.scope'), width: 90, align: 'center', render: (_: unknown, a) => a.scope.length },
          ]}
        />
      </Card>
      {announcing && <AnnouncementDialog qms={qms} onClose={() => setAnnouncing(false)} />}
    </Space>
  );
}
