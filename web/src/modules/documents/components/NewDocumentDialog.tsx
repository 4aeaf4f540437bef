// "New document": code, kind, title, content and the first amendment line, drafted in the
// user's QMS. Server errors land on their field (code taken → code), or above the form.
import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useCreateDocument } from '../api';
import { editorTextToHtml } from '../content';
import { kindLabelKey, kinds, type Kind, type Qms } from '../model';
import { VersionDatesRow } from './VersionDatesRow';

interface FormValues {
  code: string;
  kind: Kind;
  title: string;
  content: string;
  effective_date?: Dayjs | null;
  review_due_date?: Dayjs | null;
  amendment: string;
}

export function NewDocumentDialog({ qms, onClose }: { qms: Qms; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateDocument();
  const [generalError, setGeneralError] = useState<string | null>(null);

  const required = (key: Parameters<typeof t>[0], select = false) => ({
    required: true,
    ...(select ? {} : { whitespace: true }),
    message: t(select ? 'app.validation.select' : 'app.validation.required', { field: t(key).toLowerCase() }),
  });

  const submit = (values: FormValues) => {
    setGeneralError(null);
    create.mutate({
      qms_id: qms.id,
      code: values.code.trim(),
      kind: values.kind,
      title: values.title.trim(),
      content: editorTextToHtml(values.content ?? ''),
      effective_date: values.effective_date?.format('YYYY-MM-DD') ?? null,
      review_due_date: values.review_due_date?.format('YYYY-MM-DD') ?? null,
      amendments: values.amendment?.trim() ? [{ what: values.amendment.trim(), where: '', why: '' }] : [],
    }, {
      onSuccess: (doc) => {
        void message.success(t('documents.new.created', { code: doc.code }));
        onClose();
        navigate(`/documents/${doc.id}`);
      },
      onError: (error) => {
        if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t));
      },
    });
  };

  return (
    <Modal open width={760} title={t('documents.new.title')} okText={t('app.action.save')}
      cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose}
      confirmLoading={create.isPending} maskClosable={false}
      okButtonProps={{ 'data-testid': 'doc-new-submit' }}>
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="doc-new-form"
        initialValues={{ kind: 'process', amendment: t('documents.new.firstIssue'), content: '' }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('documents.field.code')} rules={[required('documents.field.code')]}
              extra={t('documents.field.codeHint')}>
              <Input maxLength={40} data-testid="doc-new-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="kind" label={t('documents.field.kind')} rules={[required('documents.field.kind', true)]}>
              <Select data-testid="doc-new-kind"
                options={kinds.map((k) => ({ value: k, label: t(kindLabelKey(k)) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('documents.field.title')} rules={[required('documents.field.title')]}>
          <Input maxLength={500} data-testid="doc-new-title" />
        </Form.Item>
        <Form.Item name="content" label={t('documents.field.content')} extra={t('documents.field.contentHint')}>
          <Input.TextArea rows={8} data-testid="doc-new-content" />
        </Form.Item>
        <VersionDatesRow />
        <Form.Item name="amendment" label={t('documents.field.amendment')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
