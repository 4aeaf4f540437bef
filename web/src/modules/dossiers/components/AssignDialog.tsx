// Phân công: a leader of the step's unit names who handles an active step, from the people of
// that unit who may take it.
import { Alert, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useCandidates, useDossierAction } from '../api';
import type { DossierStep } from '../model';

export function AssignDialog({ dossierId, step, onClose, onDone }: {
  dossierId: number; step: DossierStep; onClose: () => void; onDone: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ user_id?: number }>();
  const candidates = useCandidates(dossierId, step.id);
  const action = useDossierAction(dossierId);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = ({ user_id }: { user_id?: number }) => {
    setFailure(null);
    action.mutate({ path: `steps/${step.id}/assign`, body: { user_id } }, {
      onSuccess: () => onDone(),
      onError: (e) => setFailure(errorText(e, t)),
    });
  };

  return (
    <Modal open title={`${t('dossiers.assign.title')}: ${step.position + 1}. ${step.name}`} onCancel={onClose}
      okText={t('dossiers.action.confirm')} confirmLoading={action.isPending} onOk={() => form.submit()} destroyOnClose
      okButtonProps={{ 'data-testid': 'assign-confirm' }}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ user_id: step.assignee_id ?? undefined }}
        data-testid="assign-form">
        <Form.Item name="user_id" label={t('dossiers.detail.assignee')} rules={[{ required: true, message: t('dossiers.assign.pick') }]}>
          <Select showSearch optionFilterProp="label" loading={candidates.isLoading} data-testid="assign-user"
            placeholder={t('dossiers.assign.pick')}
            options={(candidates.data ?? []).map((u) => ({ value: u.id, label: u.full_name }))} />
        </Form.Item>
        {candidates.isError && <Alert type="warning" showIcon message={errorText(candidates.error, t)} style={{ marginBottom: 12 }} />}
        {failure && <Alert type="error" showIcon message={failure} data-testid="assign-error" />}
      </Form>
    </Modal>
  );
}
