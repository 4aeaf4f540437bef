// Tra cứu hồ sơ: the public lookup, without a session. The number and the code printed on the
// receipt give the status, the due time, the unit handling it and whether the result is ready;
// a wrong code reads exactly like an unknown number (the server's message is shown). "Result
// ready" means resolved and waiting to be collected; a returned dossier does not show it.
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/components/LanguageSwitch';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { lookup } from '../api';
import { StatusTag } from '../components/Tags';
import { formatDateTime } from '../model';

interface Values { number: string; secret: string }

export default function LookupPage() {
  const t = useT();
  const search = useMutation({ mutationFn: (v: Values) => lookup(v.number.trim(), v.secret.trim()) });
  const view = search.data;
  // The QR code of a printed form opens /tra-cuu?so=<number>&ma=<code>: fill in and look up.
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const so = params.get('so') ?? '';
  const ma = params.get('ma') ?? '';
  const { mutate } = search;
  useEffect(() => {
    if (!so) return;
    form.setFieldsValue({ number: so, secret: ma });
    if (ma) mutate({ number: so, secret: ma });
  }, [so, ma, form, mutate]);

  return (
    <div data-testid="lookup-page" style={{ minHeight: '100vh', background: '#f3f5f9', padding: '48px 16px' }}>
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('dossiers.lookup.title')}</Typography.Title>
          <span><LanguageSwitch /> <Link to="/login">{t('dossiers.lookup.login')}</Link></span>
        </div>
        <Typography.Paragraph type="secondary">{t('dossiers.lookup.subtitle')}</Typography.Paragraph>
        <Card>
          <Form<Values> form={form} layout="vertical" onFinish={(v) => search.mutate(v)} data-testid="lookup-form">
            <Form.Item name="number" label={t('dossiers.lookup.number')} rules={[{ required: true, message: t('dossiers.lookup.number') }]}>
              <Input data-testid="lookup-number" placeholder="000.00.91.H06-261125-0001" autoComplete="off" />
            </Form.Item>
            <Form.Item name="secret" label={t('dossiers.lookup.secret')} rules={[{ required: true, message: t('dossiers.lookup.secret') }]}>
              <Input data-testid="lookup-secret" autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={search.isPending} data-testid="lookup-submit">
              {t('dossiers.lookup.submit')}
            </Button>
          </Form>
          {search.isError && <Alert style={{ marginTop: 16 }} type="error" showIcon message={errorText(search.error, t)} data-testid="lookup-error" />}
          {view && !search.isError && (
            <Descriptions style={{ marginTop: 16 }} column={1} bordered size="small" data-testid="lookup-result">
              <Descriptions.Item label={t('dossiers.field.number')}>{view.number}</Descriptions.Item>
              <Descriptions.Item label={t('dossiers.field.status')}><span data-testid="lookup-status"><StatusTag status={view.status} /></span></Descriptions.Item>
              <Descriptions.Item label={t('dossiers.field.dueAt')}>{formatDateTime(view.due_at)}</Descriptions.Item>
              <Descriptions.Item label={t('dossiers.field.handlingUnit')}>{view.handling_unit || '—'}</Descriptions.Item>
              {view.status !== 10 && (
              <Descriptions.Item label={t('dossiers.field.resultReady')}>
                <Tag color={view.result_ready ? 'green' : 'default'} data-testid="lookup-ready">
                  {t(view.result_ready ? 'dossiers.result.ready' : 'dossiers.result.notReady')}
                </Tag>
              </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </Card>
      </div>
    </div>
  );
}
