// Forms of the QMS registry: create or edit a QMS (owner, member agencies, edition, scope) and
// record an announcement of conformity (quyết định công bố, QĐ 19/2014 art. 4 and Annex I).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { agencyOptions, filterAgencyOption } from '../../org/components/agencyTreeSelect';
import { useAnnounce, useCreateQms, useUpdateQms } from '../api';
import type { Qms, ScopeItem } from '../model';

interface QmsFormValues {
  owner_agency_id: number;
  member_agency_ids: number[];
  name: string;
  edition: string;
  scope: ScopeItem[];
}

export function QmsFormDialog({ qms, onClose }: { qms: Qms | null; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<QmsFormValues>();
  const create = useCreateQms();
  const update = useUpdateQms();
  const agencies = useAgencies(false);
  const options = useMemo(() => agencyOptions(agencies.data ?? []), [agencies.data]);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const ownerFixed = qms !== null || !(user.roles.includes('administrator') && user.province_wide);
  const required = (key: Parameters<typeof t>[0]) => ({
    required: true, whitespace: true, message: t('app.validation.required', { field: t(key).toLowerCase() }),
  });

  const submit = (v: QmsFormValues) => {
    setGeneralError(null);
    const input = {
      owner_agency_id: v.owner_agency_id,
      member_agency_ids: (v.member_agency_ids ?? []).filter((a) => a !== v.owner_agency_id),
      name: v.name.trim(),
      edition: v.edition,
      scope: (v.scope ?? []).map((s) => ({ code: s.code?.trim() ?? '', name: s.name?.trim() ?? '' })),
    };
    const handlers = {
      onSuccess: () => { void message.success(t('app.state.saved')); onClose(); },
      onError: (error: unknown) => { if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t)); },
    };
    if (qms) update.mutate({ id: qms.id, input }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <Modal open width={820} title={t(qms ? 'documents.qms.editTitle' : 'documents.qms.createTitle')}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose}
      confirmLoading={create.isPending || update.isPending} maskClosable={false}
      okButtonProps={{ 'data-testid': 'qms-form-submit' }}>
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form<QmsFormValues> form={form} layout="vertical" onFinish={submit} data-testid="qms-form"
        initialValues={qms
          ? { owner_agency_id: qms.owner_agency_id, member_agency_ids: qms.member_agency_ids.filter((a) => a !== qms.owner_agency_id),
            name: qms.name, edition: qms.edition, scope: qms.scope }
          : { owner_agency_id: user.agency_id, member_agency_ids: [], edition: '2015', scope: [],
            name: t('documents.qms.defaultName', { agency: user.agency_name }) }}>
        <Form.Item name="name" label={t('documents.qms.name')} rules={[required('documents.qms.name')]}>
          <Input maxLength={300} data-testid="qms-field-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="owner_agency_id" label={t('documents.qms.owner')}>
              <TreeSelect disabled={ownerFixed} showSearch treeData={options} treeNodeFilterProp="title"
                filterTreeNode={filterAgencyOption} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="edition" label={t('documents.qms.edition')}>
              <Select options={['2015', '2008'].map((e) => ({ value: e, label: `TCVN ISO 9001:${e}` }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="member_agency_ids" label={t('documents.qms.members')} extra={t('documents.qms.membersHint')}>
          <TreeSelect multiple allowClear showSearch treeData={options} treeNodeFilterProp="title"
            filterTreeNode={filterAgencyOption} popupMatchSelectWidth={false} />
        </Form.Item>
        <Typography.Text strong>{t('documents.qms.scope')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('documents.qms.scopeHint')}</Typography.Paragraph>
        <Form.List name="scope">
          {(fields, { add, remove }) => (
            <div>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'code']} style={{ width: 160 }} rules={[required('documents.qms.scopeCode')]}>
                    <Input placeholder={t('documents.qms.scopeCode')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} style={{ width: 520 }} rules={[required('documents.qms.scopeName')]}>
                    <Input placeholder={t('documents.qms.scopeName')} maxLength={500} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}
                    aria-label={t('documents.qms.scopeRemove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name: '' })}>
                {t('documents.qms.scopeAdd')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface AnnouncementValues {
  decision_number: string;
  decision_date: Dayjs;
  signer: string;
  dost_notice_date?: Dayjs | null;
  posted_office_date?: Dayjs | null;
  posted_website_date?: Dayjs | null;
}

export function AnnouncementDialog({ qms, onClose }: { qms: Qms; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AnnouncementValues>();
  const announce = useAnnounce();
  const [generalError, setGeneralError] = useState<string | null>(null);
  const again = qms.announcements.length > 0;
  const date = (d?: Dayjs | null) => d?.format('YYYY-MM-DD');
  const required = (key: Parameters<typeof t>[0], select = false) => ({
    required: true, ...(select ? {} : { whitespace: true }),
    message: t(select ? 'app.validation.select' : 'app.validation.required', { field: t(key).toLowerCase() }),
  });

  return (
    <Modal open width={640} title={t(again ? 'documents.announce.reTitle' : 'documents.announce.title')}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} onOk={() => form.submit()} onCancel={onClose}
      confirmLoading={announce.isPending} maskClosable={false}>
      <Typography.Paragraph type="secondary">
        {t(again ? 'documents.announce.reHint' : 'documents.announce.hint', { count: qms.scope.length })}
      </Typography.Paragraph>
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form<AnnouncementValues> form={form} layout="vertical" onFinish={(v) => {
        setGeneralError(null);
        announce.mutate({ id: qms.id, input: {
          decision_number: v.decision_number.trim(),
          decision_date: v.decision_date.format('YYYY-MM-DD'),
          signer: v.signer.trim(),
          dost_notice_date: date(v.dost_notice_date),
          posted_office_date: date(v.posted_office_date),
          posted_website_date: date(v.posted_website_date),
        } }, {
          onSuccess: () => { void message.success(t('app.state.saved')); onClose(); },
          onError: (error) => { if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t)); },
        });
      }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="decision_number" label={t('documents.announce.number')} extra={t('documents.announce.numberHint')}
              rules={[required('documents.announce.number')]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="decision_date" label={t('documents.announce.date')} rules={[required('documents.announce.date', true)]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="signer" label={t('documents.announce.signer')} rules={[required('documents.announce.signer')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="dost_notice_date" label={t('documents.announce.dostNotice')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="posted_office_date" label={t('documents.announce.postedOffice')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="posted_website_date" label={t('documents.announce.postedWebsite')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
