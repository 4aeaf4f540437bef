// Create or edit an agency. Required fields are checked here as on the server; whatever the
// server still rejects lands on its field, or above the form.
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useCreateAgency, useUpdateAgency } from '../api';
import {
  agencyKinds, agencyLevels, kindLabelKey, levelLabelKey, usualChildKind, usualLevel,
  type Agency, type AgencyInput, type AgencyKind, type AgencyLevel,
} from '../model';
import { ancestry } from '../tree';
import { agencyOptions, filterAgencyOption } from './agencyTreeSelect';

export type AgencyFormTarget =
  | { mode: 'create'; parent: Agency | null }
  | { mode: 'edit'; agency: Agency };

interface FormValues {
  name: string;
  short_name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parent_id: number | null;
  unit_code: string;
  gso_code: string;
  valid_from: Dayjs;
}

function initialValues(target: AgencyFormTarget): Partial<FormValues> {
  if (target.mode === 'edit') {
    const a = target.agency;
    return { ...a, gso_code: a.gso_code ?? '', valid_from: dayjs(a.valid_from) };
  }
  const kind = target.parent ? usualChildKind(target.parent.kind) : 'province_pc';
  return { parent_id: target.parent?.id ?? null, kind, level: usualLevel(kind), valid_from: dayjs() };
}

export function AgencyFormDialog({ target, agencies, onClose, onSaved }: {
  target: AgencyFormTarget;
  agencies: readonly Agency[];   // active agencies: the parents to choose from
  onClose: () => void;
  onSaved: (agency: Agency) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const [levelTouched, setLevelTouched] = useState(target.mode === 'edit');
  const [generalError, setGeneralError] = useState<string | null>(null);
  const editing = target.mode === 'edit' ? target.agency : null;

  const parentOptions = useMemo(() => agencyOptions(agencies, editing?.id), [agencies, editing]);
  const initial = useMemo(() => initialValues(target), [target]);
  const expandedParents = useMemo(
    () => (initial.parent_id ? ancestry(agencies, initial.parent_id).map((a) => a.id) : []),
    [agencies, initial.parent_id],
  );

  const required = (key: Parameters<typeof t>[0], select = false) => ({
    required: true,
    // `whitespace` only for text: with it async-validator treats the value as a string and
    // rejects a date or an id.
    ...(select ? {} : { whitespace: true }),
    message: t(select ? 'app.validation.select' : 'app.validation.required', { field: t(key).toLowerCase() }),
  });

  const submit = (values: FormValues) => {
    setGeneralError(null);
    const input: AgencyInput = {
      name: values.name.trim(),
      short_name: values.short_name.trim(),
      kind: values.kind,
      level: values.level,
      parent_id: values.parent_id ?? null,
      unit_code: values.unit_code.trim(),
      gso_code: values.gso_code?.trim() ? values.gso_code.trim() : null,
      valid_from: values.valid_from.format('YYYY-MM-DD'),
    };
    const handlers = {
      onSuccess: (agency: Agency) => {
        void message.success(t(editing ? 'org.form.updated' : 'org.form.created', { name: agency.name }));
        onSaved(agency);
      },
      onError: (error: unknown) => {
        if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t));
      },
    };
    if (editing) update.mutate({ id: editing.id, input }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <Modal
      open
      width={720}
      title={t(editing ? 'org.form.editTitle' : 'org.form.createTitle')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'agency-form-submit' }}
      maskClosable={false}
    >
      {generalError && (
        <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} data-testid="agency-form-error" />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        data-testid="agency-form"
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('level' in changed) setLevelTouched(true);
          if (changed.kind && !levelTouched) form.setFieldValue('level', usualLevel(changed.kind));
        }}
      >
        <Form.Item name="name" label={t('org.field.name')} rules={[required('org.field.name')]}>
          <Input maxLength={255} autoFocus data-testid="agency-field-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="short_name" label={t('org.field.shortName')} rules={[required('org.field.shortName')]}>
              <Input maxLength={100} data-testid="agency-field-short-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parent_id" label={t('org.field.parent')} extra={t('org.field.parentHint')}>
              <TreeSelect
                allowClear
                showSearch
                treeData={parentOptions}
                treeNodeFilterProp="title"
                filterTreeNode={filterAgencyOption}
                treeDefaultExpandedKeys={expandedParents}
                popupMatchSelectWidth={false}
                data-testid="agency-field-parent"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('org.field.kind')} rules={[required('org.field.kind', true)]}>
              <Select
                data-testid="agency-field-kind"
                options={agencyKinds.map((kind) => ({ value: kind, label: t(kindLabelKey(kind)) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level" label={t('org.field.level')} rules={[required('org.field.level', true)]}>
              <Select
                data-testid="agency-field-level"
                options={agencyLevels.map((level) => ({ value: level, label: t(levelLabelKey(level)) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unit_code" label={t('org.field.unitCode')} extra={t('org.field.unitCodeHint')}
              rules={[required('org.field.unitCode')]}>
              <Input maxLength={50} data-testid="agency-field-unit-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="gso_code" label={t('org.field.gsoCode')} extra={t('org.field.gsoCodeHint')}>
              <Input maxLength={20} data-testid="agency-field-gso-code" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="valid_from" label={t('org.field.validFrom')} rules={[required('org.field.validFrom', true)]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: 220 }} data-testid="agency-field-valid-from" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
