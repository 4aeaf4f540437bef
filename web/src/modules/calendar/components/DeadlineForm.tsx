// "Try a deadline": a receipt time on Vietnam's clock and a processing time give the due time,
// with every day not counted and the decision behind it.
import { Alert, Button, Card, Col, DatePicker, Form, InputNumber, List, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useTryDeadline } from '../api';
import { dayKindLabelKey, formatDate, type DeadlineInput } from '../model';

interface FormValues {
  received: Dayjs;
  amount: number;
  unit: DeadlineInput['unit'];
  cutoff_rule: boolean;
}

export const kindColor: Record<string, string> = {
  weekly_rest: 'default',
  public_holiday: 'red',
  substitute_day_off: 'orange',
  decreed_day_off: 'magenta',
  decreed_working_day: 'blue',
  working_day: 'green',
};

export function DeadlineForm({ agencyId }: { agencyId: number | null }) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const tryDeadline = useTryDeadline();
  const result = tryDeadline.data;

  const submit = (v: FormValues) => {
    tryDeadline.mutate({
      ...(agencyId === null ? {} : { agency_id: agencyId }),
      received_at: v.received.format('YYYY-MM-DDTHH:mm'),
      amount: v.amount,
      unit: v.unit,
      cutoff_rule: v.cutoff_rule,
    });
  };

  return (
    <Row gutter={[24, 16]} data-testid="calendar-deadline">
      <Col xs={24} lg={9}>
        <Card size="small" title={t('calendar.deadline.title')}>
          <Form<FormValues> form={form} layout="vertical" onFinish={submit}
            initialValues={{ received: dayjs('2026-04-29T16:20'), amount: 5, unit: 'working_days', cutoff_rule: false }}>
            <Form.Item name="received" label={t('calendar.deadline.receivedAt')} extra={t('calendar.deadline.receivedHint')}
              rules={[{ required: true, message: t('app.validation.select', { field: t('calendar.deadline.receivedAt').toLowerCase() }) }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="HH:mm DD/MM/YYYY" style={{ width: '100%' }}
                data-testid="deadline-received" />
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="amount" label={t('calendar.deadline.amount')} style={{ flex: 1 }}
                rules={[{ required: true, message: t('app.validation.required', { field: t('calendar.deadline.amount').toLowerCase() }) }]}>
                <InputNumber min={0} max={1000} style={{ width: '100%' }} data-testid="deadline-amount" />
              </Form.Item>
              <Form.Item name="unit" label={t('calendar.deadline.unit')} style={{ flex: 1 }}>
                <Select options={[
                  { value: 'working_days', label: t('calendar.deadline.unitDays') },
                  { value: 'working_hours', label: t('calendar.deadline.unitHours') },
                  { value: 'days', label: t('calendar.deadline.unitCalendarDays') },
                ]} />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="cutoff_rule" label={t('calendar.deadline.cutoffRule')} valuePropName="checked"
              extra={t('calendar.deadline.cutoffHint')}>
              <Switch data-testid="deadline-cutoff" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={tryDeadline.isPending} data-testid="deadline-submit">
              {t('calendar.deadline.submit')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {tryDeadline.isError && <Alert type="error" showIcon message={errorText(tryDeadline.error, t)} />}
        {result && (
          <Card size="small" title={t('calendar.deadline.result')} data-testid="deadline-result">
            <Typography.Paragraph>
              <Typography.Text type="secondary">{t('calendar.deadline.due')}: </Typography.Text>
              <Typography.Text strong style={{ fontSize: 20 }} data-testid="deadline-due">{result.due_local}</Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph>
              {t('calendar.deadline.countingFrom', { time: result.counting_from_local })}{' '}
              {result.moved_by_cutoff && <Tag color="orange">{t('calendar.deadline.movedByCutoff')}</Tag>}
            </Typography.Paragraph>
            <Typography.Title level={5}>{t('calendar.deadline.skipped', { count: result.skipped.length })}</Typography.Title>
            <List
              size="small"
              bordered
              dataSource={result.skipped}
              locale={{ emptyText: t('calendar.deadline.noneSkipped') }}
              data-testid="deadline-skipped"
              renderItem={(day) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Space wrap>
                      <Typography.Text strong>{formatDate(day.date)}</Typography.Text>
                      <Tag color={kindColor[day.kind]}>{t(dayKindLabelKey(day.kind))}</Tag>
                      <span>{language === 'en' ? day.reason_en : day.reason_vi}</span>
                    </Space>
                    {day.legal_basis && (
                      <Typography.Text type="secondary">{t('calendar.year.basis', { basis: day.legal_basis })}</Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="deadline-text">
              {language === 'en' ? result.text_en : result.text_vi}
            </Typography.Paragraph>
          </Card>
        )}
      </Col>
    </Row>
  );
}
