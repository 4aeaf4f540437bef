// Add or edit one decision of the year: the day, what it becomes, why, and the document that
// decided it (number and date). Server errors land on their field, or above the form.
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useSaveDecision } from '../api';
import { decisionKindLabelKey, decisionKinds, type Decision, type DecisionKind } from '../model';

interface FormValues {
  date: Dayjs;
  kind: DecisionKind;
  reason_vi: string;
  reason_en: string;
  legal_basis: string;
  legal_basis_date: Dayjs;
}

export function DecisionFormDialog({ year, decision, onClose }: {
  year: number;
  decision: Decision | null;   // null: a new one; a built-in one: a new row for its date
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveDecision();
  const [generalError, setGeneralError] = useState<string | null>(null);
  const editingId = decision && !decision.builtin ? decision.id : null;

  const initial: Partial<FormValues> = decision
    ? {
      date: dayjs(decision.date),
      kind: decision.kind,
      reason_vi: decision.reason_vi,
      reason_en: decision.reason_en,
      legal_basis: decision.builtin ? '' : decision.legal_basis,
      legal_basis_date: decision.legal_basis_date ? dayjs(decision.legal_basis_date) : undefined,
    }
    : { kind: 'day_off' };

  const required = (key: Parameters<typeof t>[0], select = false) => ({
    required: true,
    ...(select ? {} : { whitespace: true }),
    message: t(select ? 'app.validation.select' : 'app.validation.required', { field: t(key).toLowerCase() }),
  });

  const submit = (values: FormValues) => {
    setGeneralError(null);
    save.mutate({
      id: editingId,
      input: {
        year,
        date: values.date.format('YYYY-MM-DD'),
        kind: values.kind,
        reason_vi: values.reason_vi.trim(),
        reason_en: values.reason_en?.trim() ?? '',
        legal_basis: values.legal_basis.trim(),
        legal_basis_date: values.legal_basis_date.format('YYYY-MM-DD'),
      },
    }, {
      onSuccess: () => {
        void message.success(t('calendar.decisions.saved'));
        onClose();
      },
      onError: (error) => {
        if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t));
      },
    });
  };

  return (
    <Modal
      open
      width={680}
      title={t(editingId !== null ? 'calendar.form.editTitle' : 'calendar.form.createTitle')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'decision-form-submit' }}
      maskClosable={false}
    >
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit}
        data-testid="decision-form">
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="date" label={t('calendar.form.date')} rules={[required('calendar.form.date', true)]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="decision-field-date"
                defaultPickerValue={dayjs(`${year}-01-01`)}
                disabledDate={(d) => d.year() !== year} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="kind" label={t('calendar.form.kind')} rules={[required('calendar.form.kind', true)]}>
              <Select data-testid="decision-field-kind"
                options={decisionKinds.map((kind) => ({ value: kind, label: t(decisionKindLabelKey(kind)) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="reason_vi" label={t('calendar.form.reasonVi')} rules={[required('calendar.form.reasonVi')]}>
          <Input maxLength={300} data-testid="decision-field-reason-vi" />
        </Form.Item>
        <Form.Item name="reason_en" label={t('calendar.form.reasonEn')} extra={t('calendar.form.reasonEnHint')}>
          <Input maxLength={300} data-testid="decision-field-reason-en" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="legal_basis" label={t('calendar.form.legalBasis')} extra={t('calendar.form.legalBasisHint')}
              rules={[required('calendar.form.legalBasis')]}>
              <Input maxLength={300} data-testid="decision-field-legal-basis" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="legal_basis_date" label={t('calendar.form.legalBasisDate')}
              rules={[required('calendar.form.legalBasisDate', true)]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="decision-field-legal-basis-date" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
