// Điều chỉnh số liệu thống kê: a leader adds or takes one from a counter of this dossier's
// statistics, with the reason; it shows in the history as a correction and in the statistics.
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useDossierAction } from '../api';
import { metricLabelKey, metrics, type Metric } from '../model';

interface Values { metric?: Metric; delta: 1 | -1; reason?: string }

export function CorrectionDialog({ dossierId, onClose, onDone }: { dossierId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const action = useDossierAction(dossierId);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (v: Values) => {
    setFailure(null);
    action.mutate({ path: 'corrections', body: { metric: v.metric, delta: v.delta, reason: (v.reason ?? '').trim() } }, {
      onSuccess: () => onDone(),
      onError: (e) => {
        const text = errorText(e, t);
        const field = (e as { field?: string | null }).field;
        if (field === 'metric' || field === 'delta' || field === 'reason') form.setFields([{ name: field, errors: [text] }]);
        else setFailure(text);
      },
    });
  };

  return (
    <Modal open title={t('dossiers.correction.title')} onCancel={onClose} okText={t('dossiers.action.confirm')}
      confirmLoading={action.isPending} onOk={() => form.submit()} destroyOnClose
      okButtonProps={{ 'data-testid': 'correction-confirm' }}>
      <Alert type="info" showIcon message={t('dossiers.correction.hint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ delta: 1 }} data-testid="correction-form">
        <Form.Item name="metric" label={t('dossiers.correction.metric')} rules={[{ required: true, message: t('dossiers.correction.metric') }]}>
          <Select data-testid="correction-metric" options={metrics.map((m) => ({ value: m, label: t(metricLabelKey(m)) }))} />
        </Form.Item>
        <Form.Item name="delta" label={t('dossiers.correction.delta')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="correction-delta"
            options={[{ value: 1, label: '+1' }, { value: -1, label: '−1' }]} />
        </Form.Item>
        <Form.Item name="reason" label={t('dossiers.action.reason')}
          rules={[{ required: true, whitespace: true, message: t('dossiers.correction.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="correction-reason" />
        </Form.Item>
        {failure && <Alert type="error" showIcon message={failure} data-testid="correction-error" />}
      </Form>
    </Modal>
  );
}
