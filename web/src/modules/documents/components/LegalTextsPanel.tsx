// Văn bản pháp luật the documents rest on: the list, "add" and "mark changed" — the latter sets
// "update due within 3 months" on every document linked to the text (QĐ 19/2014 art. 4.4a).
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useCreateLegalText, useLegalTexts, useMarkLegalTextChanged } from '../api';
import { formatDate, type LegalText } from '../model';

export function LegalTextsPanel() {
  const t = useT();
  const user = useCurrentUser();
  const texts = useLegalTexts();
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<LegalText | null>(null);
  // As the server decides (documents service: MayKeepLegalTexts).
  const canKeep = ['leader', 'iso_secretary', 'dost_evaluator', 'administrator'].some((r) => user.roles.includes(r as never));

  if (texts.isError) return <Alert type="error" showIcon message={errorText(texts.error, t)} />;

  return (
    <div data-testid="legal-texts">
      <div className="page-header">
        <Typography.Text type="secondary">{t('documents.legal.hint')}</Typography.Text>
        {canKeep && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="legal-add">
            {t('documents.legal.add')}
          </Button>
        )}
      </div>
      <Table<LegalText>
        size="middle"
        rowKey="id"
        loading={texts.isPending}
        dataSource={texts.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('documents.legal.empty') }}
        columns={[
          { title: t('documents.legal.number'), dataIndex: 'number', width: 200 },
          { title: t('documents.legal.titleField'), dataIndex: 'title' },
          { title: t('documents.legal.changedOn'), dataIndex: 'changed_on', width: 160, render: (d: string | null) => formatDate(d) },
          ...(canKeep ? [{
            title: '', width: 170,
            render: (_: unknown, text: LegalText) => (
              <Button size="small" icon={<WarningOutlined />} onClick={() => setChanging(text)}>
                {t('documents.legal.markChanged')}
              </Button>
            ),
          }] : []),
        ]}
      />
      {adding && <AddLegalTextDialog onClose={() => setAdding(false)} />}
      {changing && <MarkChangedDialog text={changing} onClose={() => setChanging(null)} />}
    </div>
  );
}

function AddLegalTextDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: string; title: string }>();
  const create = useCreateLegalText();
  const [generalError, setGeneralError] = useState<string | null>(null);
  return (
    <Modal open title={t('documents.legal.add')} okText={t('app.action.save')} cancelText={t('app.action.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} maskClosable={false}>
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => {
        setGeneralError(null);
        create.mutate({ number: v.number.trim(), title: v.title.trim() }, {
          onSuccess: () => { void message.success(t('app.state.saved')); onClose(); },
          onError: (error) => { if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t)); },
        });
      }}>
        <Form.Item name="number" label={t('documents.legal.number')} extra={t('documents.legal.numberHint')}
          rules={[{ required: true, whitespace: true, message: t('app.validation.required', { field: t('documents.legal.number').toLowerCase() }) }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="title" label={t('documents.legal.titleField')}
          rules={[{ required: true, whitespace: true, message: t('app.validation.required', { field: t('documents.legal.titleField').toLowerCase() }) }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MarkChangedDialog({ text, onClose }: { text: LegalText; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ changed_on: Dayjs }>();
  const mark = useMarkLegalTextChanged();
  const [generalError, setGeneralError] = useState<string | null>(null);
  return (
    <Modal open title={t('documents.legal.markChangedTitle', { number: text.number })} okText={t('app.action.save')}
      cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose}
      confirmLoading={mark.isPending} maskClosable={false}>
      <Typography.Paragraph type="secondary">{t('documents.legal.markChangedHint')}</Typography.Paragraph>
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ changed_on: dayjs() }} onFinish={(v) => {
        setGeneralError(null);
        mark.mutate({ id: text.id, changedOn: v.changed_on.format('YYYY-MM-DD') }, {
          onSuccess: (r) => { void message.success(t('documents.legal.flagged', { count: r.documents_flagged })); onClose(); },
          onError: (error) => { if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t)); },
        });
      }}>
        <Form.Item name="changed_on" label={t('documents.legal.changedOn')}
          rules={[{ required: true, message: t('app.validation.select', { field: t('documents.legal.changedOn').toLowerCase() }) }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
