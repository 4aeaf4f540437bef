// Tiếp nhận hồ sơ at the single window (clerk): the procedure, the channel, the applicant, the
// components submitted against the procedure version's list, and the outcome: receive, guide
// (what is missing, Mẫu 02) or refuse (with reasons, Mẫu 03). A received dossier's number, due
// time and one-time lookup code are shown for the receipt, and printed on it (Mẫu 01 with the code
// and its QR: the code is sent back once to print it, as the server keeps only its hash).
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Radio, Result, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { applyFieldError, errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useProcedures } from '../../procedures/api';
import { useReceive } from '../api';
import { useCsrfToken } from '../components/FormButtons';
import { StatusTag } from '../components/Tags';
import { fetchPdf, formPath, openPdf } from '../forms';
import { channels, formatDateTime, type Applicant, type Channel, type Dossier, type Outcome } from '../model';

interface Values {
  procedure_id?: number;
  channel: Channel;
  applicant: Applicant;
  components: number[];
  outcome: Outcome;
  notes?: string;
}

export default function ReceivePage() {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const procedures = useProcedures({ agency_id: user.agency_id });
  const receive = useReceive();
  const [done, setDone] = useState<Dossier | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const csrf = useCsrfToken();
  const { message } = App.useApp();
  const procedureId = Form.useWatch('procedure_id', form);
  const outcome = Form.useWatch('outcome', form) ?? 'receive';
  const procedure = procedures.data?.find((p) => p.id === procedureId);

  const submit = (v: Values) => {
    setFailure(null);
    const notes = (v.notes ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    receive.mutate({
      procedure_id: v.procedure_id ?? 0,
      channel: v.channel,
      applicant: { name: v.applicant.name ?? '', id_number: v.applicant.id_number ?? '', address: v.applicant.address ?? '',
        phone: v.applicant.phone ?? '', email: v.applicant.email ?? '' },
      components: v.components ?? [],
      outcome: v.outcome,
      notes: notes.length ? notes : undefined,
    }, {
      onSuccess: (d) => setDone(d),
      onError: (e) => {
        applyFieldError(e, form, t);
        setFailure(errorText(e, t));
      },
    });
  };

  const printReceipt = (d: Dossier) => {
    setPrinting(true);
    openPdf(() => fetchPdf(formPath(d.id, '01'), csrf(), { secret: d.secret }))
      .catch((e: unknown) => { void message.error(errorText(e, t)); })
      .finally(() => setPrinting(false));
  };

  if (done) {
    const title: MessageKey = done.status === 1 ? 'dossiers.receive.doneGuided'
      : done.status === 3 ? 'dossiers.receive.doneRefused' : 'dossiers.receive.doneReceived';
    return (
      <div data-testid="dossier-receipt">
        <Result status={done.status === 3 ? 'warning' : 'success'} title={t(title)}
          subTitle={<StatusTag status={done.status} />}
          extra={[
            ...(done.secret && done.number ? [
              <Button key="print" type="primary" icon={<PrinterOutlined />} loading={printing} onClick={() => printReceipt(done)}
                data-testid="receipt-print">{t('dossiers.receive.print')}</Button>,
            ] : []),
            <Link key="open" to={`/dossiers/${done.id}`} data-testid="receipt-open"><Button type={done.secret && done.number ? 'default' : 'primary'}>{t('dossiers.receive.open')}</Button></Link>,
            <Button key="again" data-testid="receipt-again" onClick={() => { setDone(null); form.resetFields(); }}>{t('dossiers.receive.another')}</Button>,
          ]}>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('dossiers.field.number')}>
              <Typography.Text strong copyable data-testid="receipt-number">{done.number ?? '—'}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('dossiers.field.receivedAt')}>{formatDateTime(done.received_at)}</Descriptions.Item>
            <Descriptions.Item label={t('dossiers.field.dueAt')}>
              <span data-testid="receipt-due">{formatDateTime(done.due_at)}</span>
            </Descriptions.Item>
            {done.missing.length > 0 && (
              <Descriptions.Item label={t('dossiers.field.missing')}>
                <ul style={{ margin: 0, paddingLeft: 18 }}>{done.missing.map((m) => <li key={m}>{m}</li>)}</ul>
              </Descriptions.Item>
            )}
            {done.reasons ? <Descriptions.Item label={t('dossiers.field.reasons')}>{done.reasons}</Descriptions.Item> : null}
          </Descriptions>
          {done.secret && (
            <Alert type="warning" showIcon style={{ marginTop: 16 }} message={t('dossiers.receive.secret')}
              description={(
                <Space direction="vertical">
                  <Typography.Text copyable strong style={{ fontSize: 28, fontFamily: 'monospace', letterSpacing: 2 }}
                    data-testid="receipt-secret">{done.secret}</Typography.Text>
                  <span>{t('dossiers.receive.secretHint')}</span>
                </Space>
              )} />
          )}
        </Result>
      </div>
    );
  }

  return (
    <div data-testid="dossier-receive-page">
      <div className="page-header">
        <div>
          <Link to="/dossiers"><ArrowLeftOutlined /> {t('dossiers.detail.back')}</Link>
          <Typography.Title level={3}>{t('dossiers.receive.title')}</Typography.Title>
        </div>
      </div>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="receive-form"
        initialValues={{ channel: 1, outcome: 'receive', components: [], applicant: {} }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('procedure_id' in changed) {
            const p = procedures.data?.find((x) => x.id === changed.procedure_id);
            form.setFieldValue('components', p ? p.current.components.map((_, i) => i) : []);
          }
        }}>
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="procedure_id" label={t('dossiers.field.procedure')} rules={[{ required: true, message: t('dossiers.receive.procedurePlaceholder') }]}>
                <Select showSearch optionFilterProp="label" placeholder={t('dossiers.receive.procedurePlaceholder')}
                  loading={procedures.isLoading} data-testid="receive-procedure"
                  options={(procedures.data ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.current.name}` }))} />
              </Form.Item>
              <Form.Item name="channel" label={t('dossiers.field.channel')}>
                <Radio.Group optionType="button" data-testid="receive-channel"
                  options={channels.map((c) => ({ value: c, label: t(`dossiers.channel.${c}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item name="components" label={t('dossiers.field.components')}>
                {procedure ? (
                  <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="receive-components">
                    {procedure.current.components.map((c, i) => (
                      <Checkbox key={i} value={i} data-testid={`receive-component-${i}`}>
                        {c.name} {c.required && <Tag color="red">{t('dossiers.field.required')}</Tag>}
                      </Checkbox>
                    ))}
                  </Checkbox.Group>
                ) : <Typography.Text type="secondary">{t('dossiers.receive.noProcedure')}</Typography.Text>}
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('dossiers.field.applicant')} style={{ marginBottom: 16 }}>
              <Form.Item name={['applicant', 'name']} label={t('dossiers.field.applicantName')} rules={[{ required: true, message: t('dossiers.field.applicantName') }]}>
                <Input data-testid="receive-name" maxLength={200} />
              </Form.Item>
              <Form.Item name={['applicant', 'id_number']} label={t('dossiers.field.idNumber')}><Input data-testid="receive-id" maxLength={40} /></Form.Item>
              <Form.Item name={['applicant', 'address']} label={t('dossiers.field.address')}><Input data-testid="receive-address" maxLength={300} /></Form.Item>
              <Space.Compact block>
                <Form.Item name={['applicant', 'phone']} label={t('dossiers.field.phone')} style={{ flex: 1, marginRight: 8 }}><Input data-testid="receive-phone" maxLength={40} /></Form.Item>
                <Form.Item name={['applicant', 'email']} label={t('dossiers.field.email')} style={{ flex: 1 }}><Input data-testid="receive-email" maxLength={200} /></Form.Item>
              </Space.Compact>
            </Card>
            <Card size="small">
              <Form.Item name="outcome" label={t('dossiers.field.outcome')}>
                <Radio.Group data-testid="receive-outcome"
                  options={(['receive', 'guide', 'refuse'] as const).map((o) => ({ value: o, label: t(`dossiers.outcome.${o}`) }))} />
              </Form.Item>
              {outcome !== 'receive' && (
                <Form.Item name="notes" label={t(outcome === 'refuse' ? 'dossiers.field.reasons' : 'dossiers.field.notes')}
                  extra={t('dossiers.field.notesHint')}
                  rules={outcome === 'refuse' ? [{ required: true, message: t('dossiers.field.reasons') }] : []}>
                  <Input.TextArea rows={3} data-testid="receive-notes" />
                </Form.Item>
              )}
              {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} data-testid="receive-error" />}
              <Button type="primary" htmlType="submit" loading={receive.isPending} data-testid="receive-submit">
                {t('dossiers.receive.submit')}
              </Button>
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
