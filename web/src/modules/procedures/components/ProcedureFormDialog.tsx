// The procedure form: a new procedure (with its national code) or a new version of one (same
// fields from a later publication decision). Server errors with a field land on it; a 403 says
// who may add what.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useAgencies } from '../../org/api';
import { useAddVersion, useCreateProcedure } from '../api';
import {
  onlineLevels, paperForms, timeUnits, type Component, type OnlineLevel, type Procedure, type ProcedureInput,
  type ProcedureVersion, type TimeUnit,
} from '../model';

interface Values {
  code?: string;
  effective_from: Dayjs;
  name: string;
  sector: string;
  agency_ids: number[];
  time_value: number;
  time_unit: TimeUnit;
  fee?: string;
  result?: string;
  legal_basis?: string;
  components?: Component[];
  online_level: OnlineLevel;
  boundary_free: boolean;
  cutoff_rule: boolean;
}

// The server's field names → the form's.
const fieldMap: Record<string, string> = { 'statutory_time.value': 'time_value', 'statutory_time.unit': 'time_unit',
  statutory_time: 'time_value' };

function initial(from: ProcedureVersion | undefined): Partial<Values> {
  if (!from) return { time_unit: 'working_day', online_level: 'none', boundary_free: false, cutoff_rule: false,
    components: [], effective_from: dayjs() };
  return {
    name: from.name, sector: from.sector, agency_ids: from.agencies.map((a) => a.id),
    time_value: from.statutory_time.value, time_unit: from.statutory_time.unit, fee: from.fee, result: from.result,
    legal_basis: from.legal_basis.join('\n'), components: from.components, online_level: from.online_level,
    boundary_free: from.boundary_free, cutoff_rule: from.cutoff_rule,
  };
}

export function ProcedureFormDialog({ procedure, onClose, onDone }: {
  procedure?: Procedure;       // set: add a version to it
  onClose: () => void;
  onDone?: (p: Procedure) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const agencies = useAgencies(false);
  const create = useCreateProcedure();
  const addVersion = useAddVersion();
  const pending = create.isPending || addVersion.isPending;
  const [general, setGeneral] = useState<{ message: string; hint?: string } | null>(null);
  const init = useMemo(() => initial(procedure?.current), [procedure]);
  const required = (key: Parameters<typeof t>[0]) =>
    [{ required: true, message: t('procedures.validation.required', { field: t(key).toLowerCase() }) }];

  const submit = (v: Values) => {
    setGeneral(null);
    const input: ProcedureInput = {
      effective_from: v.effective_from.format('YYYY-MM-DD'),
      name: v.name.trim(), sector: v.sector.trim(), agency_ids: v.agency_ids,
      statutory_time: { value: v.time_value, unit: v.time_unit },
      fee: v.fee?.trim() ?? '', result: v.result?.trim() ?? '',
      legal_basis: (v.legal_basis ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
      components: (v.components ?? []).map((c) => ({ name: c.name, form: c.form ?? 'original', copies: c.copies ?? 1,
        required: c.required ?? true })),
      online_level: v.online_level, boundary_free: v.boundary_free, cutoff_rule: v.cutoff_rule,
    };
    const onError = (error: unknown) => {
      if (error instanceof ApiError && error.status === 403) {
        setGeneral({ message: errorText(error, t), hint: t('procedures.new.forbidden') });
        return;
      }
      if (error instanceof ApiError && error.field) {
        const m = /^components\[(\d+)\]\.(\w+)$/.exec(error.field);
        if (m) {
          form.setFields([{ name: ['components', Number(m[1]), m[2] ?? 'name'] as never, errors: [errorText(error, t)] }]);
          return;
        }
        if (applyFieldError(error, form, t, fieldMap)) return;
      }
      setGeneral({ message: errorText(error, t) });
    };
    if (procedure) {
      addVersion.mutate({ id: procedure.id, input }, {
        onSuccess: (p) => { void message.success(t('procedures.detail.versionDone', { date: input.effective_from })); onDone?.(p); onClose(); },
        onError,
      });
    } else {
      create.mutate({ ...input, code: v.code?.trim() }, {
        onSuccess: (p) => { void message.success(t('procedures.new.done', { code: p.code })); onDone?.(p); onClose(); },
        onError,
      });
    }
  };

  return (
    <Modal open width={860} title={t(procedure ? 'procedures.detail.addVersionTitle' : 'procedures.new.title')}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose}
      confirmLoading={pending} maskClosable={false} okButtonProps={{ 'data-testid': 'proc-form-submit' }}>
      {general && (
        <Alert type="error" showIcon message={general.message} description={general.hint} style={{ marginBottom: 12 }}
          data-testid="proc-form-error" />
      )}
      <Form form={form} layout="vertical" initialValues={init} onFinish={submit} data-testid="proc-form">
        <Row gutter={12}>
          {!procedure && (
            <Col span={8}>
              <Form.Item name="code" label={t('procedures.field.code')} extra={t('procedures.new.codeHint')}
                rules={required('procedures.field.code')}>
                <Input data-testid="proc-form-code" />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="effective_from" label={t('procedures.field.effectiveFrom')} rules={required('procedures.field.effectiveFrom')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="proc-form-effective" />
            </Form.Item>
          </Col>
          <Col span={procedure ? 16 : 8}>
            <Form.Item name="sector" label={t('procedures.field.sector')} rules={required('procedures.field.sector')}>
              <Input data-testid="proc-form-sector" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('procedures.field.name')} rules={required('procedures.field.name')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="proc-form-name" />
        </Form.Item>
        <Form.Item name="agency_ids" label={t('procedures.field.agencies')} rules={required('procedures.field.agencies')}>
          <Select mode="multiple" showSearch optionFilterProp="label" loading={agencies.isLoading} data-testid="proc-form-agencies"
            options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="time_value" label={t('procedures.field.statutoryTime')} rules={required('procedures.field.statutoryTime')}>
              <InputNumber min={0} step={1} style={{ width: '100%' }} data-testid="proc-form-time" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="time_unit" label={t('procedures.field.timeUnit')}>
              <Select options={timeUnits.map((u) => ({ value: u, label: t(`procedures.unit.${u}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="online_level" label={t('procedures.field.onlineLevel')}>
              <Select options={onlineLevels.map((l) => ({ value: l, label: t(`procedures.online.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="fee" label={t('procedures.field.fee')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="result" label={t('procedures.field.result')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="legal_basis" label={t('procedures.field.legalBasis')} extra={t('procedures.field.legalBasisHint')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
        <Space size="large" wrap>
          <Form.Item name="boundary_free" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('procedures.field.boundaryFree')}</Checkbox>
          </Form.Item>
          <Form.Item name="cutoff_rule" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('procedures.field.cutoffRule')}</Checkbox>
          </Form.Item>
        </Space>
        <Form.List name="components">
          {(fields, { add, remove }) => (
            <div>
              <div style={{ fontWeight: 500, marginBottom: 8 }}>{t('procedures.field.components')}</div>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col flex="auto">
                    <Form.Item name={[name, 'name']} rules={required('procedures.field.componentName')}>
                      <Input placeholder={t('procedures.field.componentName')} />
                    </Form.Item>
                  </Col>
                  <Col flex="190px">
                    <Form.Item name={[name, 'form']} initialValue="original">
                      <Select options={paperForms.map((f) => ({ value: f, label: t(`procedures.form.${f}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col flex="90px">
                    <Form.Item name={[name, 'copies']} initialValue={1}>
                      <InputNumber min={0} max={99} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col flex="110px">
                    <Form.Item name={[name, 'required']} valuePropName="checked" initialValue>
                      <Checkbox>{t('procedures.field.required')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ form: 'original', copies: 1, required: true })}>
                {t('procedures.component.add')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
