// The state-machine buttons of one version, limited to what the user may do (actions.ts); the
// server still decides, and its 403/422 messages are shown as they come. Approving asks for the
// effective date (required by the server before it signs); withdrawing asks for confirmation.
import { CheckCircleOutlined, RollbackOutlined, SafetyCertificateOutlined, SendOutlined, StopOutlined,
  AuditOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { errorText } from '../../../lib/errors';
import { transitionsFor, type Capabilities } from '../actions';
import { useTransition } from '../api';
import { formatDate, type TransitionAction, type Version } from '../model';

const icons: Record<TransitionAction, ReactNode> = {
  submit: <SendOutlined />,
  review: <AuditOutlined />,
  return: <RollbackOutlined />,
  approve: <SafetyCertificateOutlined />,
  issue: <CheckCircleOutlined />,
  obsolete: <StopOutlined />,
};

export const actionLabelKey = (a: TransitionAction): MessageKey => `documents.action.${a}`;
const confirmKey = (a: TransitionAction): MessageKey => `documents.action.${a}.confirm`;
const doneKey = (a: TransitionAction): MessageKey => `documents.action.${a}.done`;

export function VersionActions({ documentId, version, caps }: {
  documentId: number; version: Version; caps: Capabilities;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const transition = useTransition();
  const [approving, setApproving] = useState(false);
  const actions = transitionsFor(version.state, caps, version.reviewed !== null);
  if (actions.length === 0) return null;

  const run = (action: TransitionAction, effectiveDate?: string) =>
    new Promise<void>((resolve, reject) => {
      transition.mutate({ id: documentId, number: version.number, action, effectiveDate }, {
        onSuccess: () => { void message.success(t(doneKey(action))); resolve(); },
        onError: (error) => { void message.error(errorText(error, t)); reject(error); },
      });
    });

  const start = (action: TransitionAction) => {
    if (action === 'approve') {
      setApproving(true);
      return;
    }
    modal.confirm({
      title: t(actionLabelKey(action)),
      content: action === 'issue'
        ? t('documents.action.issue.confirmDate', { date: formatDate(version.effective_date) })
        : t(confirmKey(action)),
      okText: t(actionLabelKey(action)),
      cancelText: t('app.action.cancel'),
      okButtonProps: { danger: action === 'obsolete' || action === 'return', 'data-testid': 'doc-action-confirm' },
      onOk: () => run(action).catch(() => undefined),
    });
  };

  return (
    <>
      <Space wrap>
        {actions.map((action) => (
          <Button key={action} icon={icons[action]} data-testid={`doc-action-${action}`}
            type={action === 'return' || action === 'obsolete' ? 'default' : 'primary'}
            danger={action === 'obsolete'}
            loading={transition.isPending && transition.variables?.action === action}
            onClick={() => start(action)}>
            {t(actionLabelKey(action))}
          </Button>
        ))}
      </Space>
      {approving && (
        <ApproveDialog version={version} pending={transition.isPending} onClose={() => setApproving(false)}
          onApprove={(date) => run('approve', date).then(() => setApproving(false), () => undefined)} />
      )}
    </>
  );
}

function ApproveDialog({ version, pending, onClose, onApprove }: {
  version: Version; pending: boolean; onClose: () => void; onApprove: (date: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ effective_date: Dayjs }>();
  return (
    <Modal open title={t('documents.action.approve')} okText={t('documents.action.approveSign')}
      cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'doc-approve-submit' }} maskClosable={false}>
      <Typography.Paragraph type="secondary">{t('documents.action.approve.confirm')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="doc-approve-form"
        initialValues={{ effective_date: version.effective_date ? dayjs(version.effective_date) : undefined }}
        onFinish={(v) => onApprove(v.effective_date.format('YYYY-MM-DD'))}>
        <Form.Item name="effective_date" label={t('documents.field.effectiveDate')}
          rules={[{ required: true, message: t('app.validation.select', { field: t('documents.field.effectiveDate').toLowerCase() }) }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="doc-approve-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
