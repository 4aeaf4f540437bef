// Distribution of the issued version (phân phối tài liệu) to agencies and people, and the list of
// recipients with who has confirmed "đã đọc và hiểu". For the QMS leader and ISO secretary.
import { CheckCircleOutlined, ClockCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Modal, Progress, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { agencyOptions, filterAgencyOption } from '../../org/components/agencyTreeSelect';
import { useUsers } from '../../users/api';
import { useDistribute, useReceipts } from '../api';
import { formatInstant, type Receipt } from '../model';

export function ReceiptsCard({ documentId, issuedNumber, canDistribute }: {
  documentId: number; issuedNumber: number; canDistribute: boolean;
}) {
  const t = useT();
  const receipts = useReceipts(documentId, canDistribute);
  const agencies = useAgencies(false);
  const [open, setOpen] = useState(false);
  const names = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.short_name || a.name])), [agencies.data]);
  const list = receipts.data ?? [];
  const done = list.filter((r) => r.acknowledged_at).length;

  return (
    <Card size="small" data-testid="doc-receipts"
      title={t('documents.receipts.title', { number: issuedNumber })}
      extra={canDistribute && (
        <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="doc-distribute">
          {t('documents.distribute.button')}
        </Button>
      )}>
      {receipts.isError && <Alert type="error" showIcon message={errorText(receipts.error, t)} />}
      {list.length > 0 && (
        <Space style={{ marginBottom: 8, width: '100%' }} direction="vertical" size={0}>
          <Typography.Text data-testid="doc-receipts-summary">
            {t('documents.receipts.summary', { done, total: list.length })}
          </Typography.Text>
          <Progress percent={Math.round((done / list.length) * 100)} size="small" />
        </Space>
      )}
      <Table<Receipt>
        size="small"
        rowKey="user_id"
        loading={receipts.isPending && canDistribute}
        dataSource={list}
        pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('documents.receipts.empty') }}
        columns={[
          { title: t('documents.receipts.user'), dataIndex: 'user_name',
            render: (name: string, r) => (
              <Space direction="vertical" size={0}>
                <span>{name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{names.get(r.agency_id) ?? ''}</Typography.Text>
              </Space>
            ) },
          { title: t('documents.receipts.status'), dataIndex: 'acknowledged_at', width: 170,
            render: (at: string | null, r) => (at
              ? <Tag color="success" icon={<CheckCircleOutlined />} data-testid={`receipt-ack-${r.user_id}`}>
                {formatInstant(at)}
              </Tag>
              : <Tag color="warning" icon={<ClockCircleOutlined />} data-testid={`receipt-pending-${r.user_id}`}>
                {t('documents.receipts.pending')}
              </Tag>) },
        ]}
      />
      {open && <DistributionDialog documentId={documentId} onClose={() => setOpen(false)} />}
    </Card>
  );
}

function DistributionDialog({ documentId, onClose }: { documentId: number; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ agency_ids: number[]; user_ids: number[] }>();
  const distribute = useDistribute();
  const agencies = useAgencies(false);
  const users = useUsers({ agencyId: null, q: '' });
  const options = useMemo(() => agencyOptions(agencies.data ?? []), [agencies.data]);
  const [generalError, setGeneralError] = useState<string | null>(null);

  return (
    <Modal open width={640} title={t('documents.distribute.title')} okText={t('documents.distribute.send')}
      cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose}
      confirmLoading={distribute.isPending} maskClosable={false}
      okButtonProps={{ 'data-testid': 'doc-distribute-submit' }}>
      <Typography.Paragraph type="secondary">{t('documents.distribute.hint')}</Typography.Paragraph>
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ agency_ids: [user.agency_id], user_ids: [] }}
        data-testid="doc-distribute-form"
        onFinish={(v) => {
          setGeneralError(null);
          distribute.mutate({ id: documentId, agencyIds: v.agency_ids ?? [], userIds: v.user_ids ?? [] }, {
            onSuccess: (r) => {
              void message.success(t('documents.distribute.done', { count: r.receipts.length }));
              onClose();
            },
            onError: (error) => { if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t)); },
          });
        }}>
        <Form.Item name="agency_ids" label={t('documents.distribute.agencies')}>
          <TreeSelect multiple allowClear showSearch treeData={options} treeNodeFilterProp="title"
            filterTreeNode={filterAgencyOption} popupMatchSelectWidth={false} data-testid="doc-distribute-agencies" />
        </Form.Item>
        <Form.Item name="user_ids" label={t('documents.distribute.users')} extra={t('documents.distribute.usersHint')}>
          <Select mode="multiple" allowClear showSearch optionFilterProp="label" loading={users.isPending}
            options={(users.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.full_name} (${u.username})` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
