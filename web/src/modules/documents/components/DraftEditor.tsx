// Edit a draft: title, content (lines with a light markup, stored as HTML), dates and the
// amendment log (bảng theo dõi sửa đổi: what, where, why). Only drafts change on the server.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useUpdateDraft } from '../api';
import { editorTextToHtml, htmlToEditorText } from '../content';
import type { Amendment, Version } from '../model';
import { VersionDatesRow } from './VersionDatesRow';

interface FormValues {
  title: string;
  content: string;
  effective_date?: Dayjs | null;
  review_due_date?: Dayjs | null;
  amendments: Amendment[];
}

export function DraftEditor({ documentId, version, onClose }: { documentId: number; version: Version; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateDraft();
  const [generalError, setGeneralError] = useState<string | null>(null);

  const submit = (v: FormValues) => {
    setGeneralError(null);
    update.mutate({
      id: documentId,
      number: version.number,
      input: {
        title: v.title.trim(),
        content: editorTextToHtml(v.content ?? ''),
        effective_date: v.effective_date?.format('YYYY-MM-DD') ?? null,
        review_due_date: v.review_due_date?.format('YYYY-MM-DD') ?? null,
        amendments: (v.amendments ?? []).filter((a) => a?.what?.trim())
          .map((a) => ({ what: a.what.trim(), where: a.where?.trim() ?? '', why: a.why?.trim() ?? '' })),
      },
    }, {
      onSuccess: () => { void message.success(t('app.state.saved')); onClose(); },
      onError: (error) => { if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t)); },
    });
  };

  return (
    <Modal open width={860} title={t('documents.edit.title', { number: version.number })} okText={t('app.action.save')}
      cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose}
      confirmLoading={update.isPending} maskClosable={false} okButtonProps={{ 'data-testid': 'doc-edit-submit' }}>
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="doc-edit-form"
        initialValues={{
          title: version.title,
          content: htmlToEditorText(version.content),
          effective_date: version.effective_date ? dayjs(version.effective_date) : null,
          review_due_date: version.review_due_date ? dayjs(version.review_due_date) : null,
          amendments: version.amendments,
        }}>
        <Form.Item name="title" label={t('documents.field.title')}
          rules={[{ required: true, whitespace: true, message: t('app.validation.required', { field: t('documents.field.title').toLowerCase() }) }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="content" label={t('documents.field.content')} extra={t('documents.field.contentHint')}>
          <Input.TextArea rows={12} data-testid="doc-edit-content" />
        </Form.Item>
        <VersionDatesRow />
        <Typography.Text strong>{t('documents.amendments.title')}</Typography.Text>
        <Form.List name="amendments">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'what']} style={{ width: 300 }}
                    rules={[{ required: true, whitespace: true, message: t('app.validation.required', { field: t('documents.amendments.what').toLowerCase() }) }]}>
                    <Input placeholder={t('documents.amendments.what')} maxLength={1000} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'where']} style={{ width: 180 }}>
                    <Input placeholder={t('documents.amendments.where')} maxLength={300} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'why']} style={{ width: 240 }}>
                    <Input placeholder={t('documents.amendments.why')} maxLength={1000} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}
                    aria-label={t('documents.amendments.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ what: '', where: '', why: '' })}>
                {t('documents.amendments.add')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
