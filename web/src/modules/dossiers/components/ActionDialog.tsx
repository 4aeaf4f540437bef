// One action on a dossier in a small dialog: its few fields, the server's localized error in the
// dialog on failure, closed on success.
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useCandidates, useDossierAction } from '../api';
import type { DossierStep } from '../model';

export type ActionKind = 'handover' | 'supplementRequest' | 'supplementReceived' | 'financialRequest' | 'financialDone'
  | 'apology' | 'decision' | 'return' | 'withdraw' | 'stop';

interface Values { to_user_id?: number; note?: string; items?: string; reason?: string; new_due_at?: Dayjs; positive?: boolean; reasons?: string }

const lines = (text: string | undefined) => (text ?? '').split('\n').map((s) => s.trim()).filter(Boolean);

function request(kind: ActionKind, v: Values, stepId: number | null): { path: string; body: unknown } {
  switch (kind) {
    case 'handover': return { path: `steps/${stepId}/handover`,
      body: v.to_user_id ? { to_user_id: v.to_user_id, note: v.note ?? '' } : { note: v.note ?? '' } };
    case 'supplementRequest': return { path: 'supplement-request', body: { items: lines(v.items) } };
    case 'supplementReceived': return { path: 'supplement-received', body: {} };
    case 'financialRequest': return { path: 'financial-obligation', body: { items: lines(v.items) } };
    case 'financialDone': return { path: 'financial-obligation-done', body: {} };
    case 'apology': return { path: 'apology', body: { new_due_at: v.new_due_at?.toISOString() ?? '', reason: v.reason ?? '' } };
    case 'decision': return { path: 'decision', body: { positive: v.positive ?? true, reasons: v.reasons ?? '' } };
    case 'return': return { path: 'return', body: {} };
    case 'withdraw': return { path: 'withdraw', body: { reason: v.reason ?? '' } };
    case 'stop': return { path: 'stop', body: { reason: v.reason ?? '' } };
  }
}

// `nextStep`: on a handover, the step it starts when one person can be named for it (the server
// names the person only when the next stage is one step, or a step of the dossier's own agency).
export function ActionDialog({ dossierId, kind, stepId, nextStep = null, onClose, onDone }: {
  dossierId: number; kind: ActionKind; stepId: number | null; nextStep?: DossierStep | null; onClose: () => void; onDone: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const action = useDossierAction(dossierId);
  const candidates = useCandidates(dossierId, kind === 'handover' && nextStep ? nextStep.id : null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (v: Values) => {
    setFailure(null);
    action.mutate(request(kind, v, stepId), {
      onSuccess: () => onDone(),
      onError: (e) => setFailure(errorText(e, t)),
    });
  };

  return (
    <Modal open title={t(`dossiers.action.${kind}`)} onCancel={onClose} okText={t('dossiers.action.confirm')}
      confirmLoading={action.isPending} onOk={() => form.submit()} destroyOnClose
      okButtonProps={{ 'data-testid': 'action-confirm' }}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ positive: true }} data-testid={`action-form-${kind}`}>
        {kind === 'handover' && nextStep && !candidates.isError && (
          <Form.Item name="to_user_id" label={t('dossiers.handover.nextPerson', { step: nextStep.name })}
            extra={t('dossiers.handover.nextPersonHint')}>
            <Select allowClear showSearch optionFilterProp="label" loading={candidates.isLoading} data-testid="action-next-person"
              placeholder={t('dossiers.handover.anyone')}
              options={(candidates.data ?? []).map((u) => ({ value: u.id, label: u.full_name }))} />
          </Form.Item>
        )}
        {kind === 'handover' && (
          <Form.Item name="note" label={t('dossiers.action.note')}><Input.TextArea rows={2} data-testid="action-note" /></Form.Item>
        )}
        {(kind === 'supplementRequest' || kind === 'financialRequest') && (
          <Form.Item name="items" label={t(kind === 'financialRequest' ? 'dossiers.action.fees' : 'dossiers.action.items')}
            rules={[{ required: true, message: t(kind === 'financialRequest' ? 'dossiers.action.fees' : 'dossiers.action.items') }]}>
            <Input.TextArea rows={3} data-testid="action-items" />
          </Form.Item>
        )}
        {kind === 'apology' && (
          <Form.Item name="new_due_at" label={t('dossiers.action.newDueAt')} rules={[{ required: true, message: t('dossiers.action.newDueAt') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" data-testid="action-due" />
          </Form.Item>
        )}
        {kind === 'decision' && (
          <>
            <Form.Item name="positive">
              <Radio.Group data-testid="action-positive" options={[
                { value: true, label: t('dossiers.action.positive') },
                { value: false, label: t('dossiers.action.negative') },
              ]} />
            </Form.Item>
            <Form.Item name="reasons" label={t('dossiers.action.decisionReasons')}>
              <Input.TextArea rows={2} data-testid="action-reasons" />
            </Form.Item>
          </>
        )}
        {(kind === 'apology' || kind === 'withdraw' || kind === 'stop') && (
          <Form.Item name="reason" label={t('dossiers.action.reason')}
            rules={kind === 'withdraw' ? [] : [{ required: true, message: t('dossiers.action.reason') }]}>
            <Input.TextArea rows={2} data-testid="action-reason" />
          </Form.Item>
        )}
        {failure && <Alert type="error" showIcon message={failure} data-testid="action-error" />}
      </Form>
    </Modal>
  );
}
