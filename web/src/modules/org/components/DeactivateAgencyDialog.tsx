// Deactivation is the one irreversible-looking step here: it asks for the date and says what it
// means before anything is sent. 422 org.has_active_children is shown above the form.
import { Alert, App, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useDeactivateAgency } from '../api';
import type { Agency } from '../model';

export function DeactivateAgencyDialog({ agency, onClose, onDone }: {
  agency: Agency;
  onClose: () => void;
  onDone: (agency: Agency) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ valid_to: Dayjs }>();
  const deactivate = useDeactivateAgency();
  const [generalError, setGeneralError] = useState<string | null>(null);

  const submit = ({ valid_to }: { valid_to: Dayjs }) => {
    setGeneralError(null);
    deactivate.mutate({ id: agency.id, validTo: valid_to.format('YYYY-MM-DD') }, {
      onSuccess: (updated) => {
        void message.success(t('org.deactivate.done', { name: updated.name }));
        onDone(updated);
      },
      onError: (error) => {
        if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t));
      },
    });
  };

  return (
    <Modal
      open
      title={t('org.deactivate.title')}
      okText={t('org.deactivate.confirm')}
      okButtonProps={{ danger: true, 'data-testid': 'agency-deactivate-submit' }}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={deactivate.isPending}
      maskClosable={false}
    >
      <Alert type="warning" showIcon message={t('org.deactivate.warning', { name: agency.name })}
        style={{ marginBottom: 16 }} />
      {generalError && (
        <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }}
          data-testid="agency-deactivate-error" />
      )}
      <Form form={form} layout="vertical" initialValues={{ valid_to: dayjs() }} onFinish={submit}>
        <Form.Item name="valid_to" label={t('org.deactivate.validTo')}
          rules={[{ required: true, message: t('app.validation.select', { field: t('org.deactivate.validTo').toLowerCase() }) }]}>
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: 220 }}
            disabledDate={(day) => day.isBefore(dayjs(agency.valid_from), 'day')}
            data-testid="agency-deactivate-date"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
