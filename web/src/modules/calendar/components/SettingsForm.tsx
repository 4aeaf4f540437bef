// Working-time settings of the province or of one unit: weekly rest days, office sessions and
// Saturday-morning reception. A unit inherits each field from the province unless it sets it.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Skeleton, Space, Switch, Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useSaveSettings, useSettings } from '../api';
import type { CalendarSettings, Session, SettingsOverride } from '../model';

interface FormValues {
  rest_inherit: boolean;
  weekly_rest: number[];
  sessions_inherit: boolean;
  sessions: Session[];
  reception_inherit: boolean;
  saturday_morning_reception: boolean;
}

const weekdayOrder = [1, 2, 3, 4, 5, 6, 0] as const;

// "sessions[1].start" → ["sessions", 1, "start"], the Form.List path.
function fieldPath(field: string): (string | number)[] {
  return field.split(/[.[\]]/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function SettingsForm({ agencyId, canEdit }: { agencyId: number | null; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const settings = useSettings(agencyId);
  const save = useSaveSettings();
  const [generalError, setGeneralError] = useState<string | null>(null);
  const inheritLabel = t(agencyId === null ? 'calendar.settings.builtinDefault' : 'calendar.settings.inherit');

  useEffect(() => {
    const view = settings.data;
    if (!view) return;
    form.setFieldsValue({
      rest_inherit: view.own.weekly_rest === null,
      weekly_rest: view.effective.weekly_rest,
      sessions_inherit: view.own.sessions === null,
      sessions: view.effective.sessions,
      reception_inherit: view.own.saturday_morning_reception === null,
      saturday_morning_reception: view.effective.saturday_morning_reception,
    });
  }, [settings.data, form]);

  if (settings.isError) return <Alert type="error" showIcon message={errorText(settings.error, t)} />;
  if (settings.isPending) return <Skeleton active />;

  const submit = (v: FormValues) => {
    setGeneralError(null);
    const values: SettingsOverride = {
      weekly_rest: v.rest_inherit ? null : v.weekly_rest,
      sessions: v.sessions_inherit ? null : v.sessions.map((s) => ({ start: s.start.trim(), end: s.end.trim() })),
      saturday_morning_reception: v.reception_inherit ? null : v.saturday_morning_reception,
    };
    save.mutate({ agencyId, values }, {
      onSuccess: () => void message.success(t('app.state.saved')),
      onError: (error) => {
        if (error instanceof ApiError && error.field) {
          const name = fieldPath(error.field);
          if (name[0] === 'weekly_rest' || name[0] === 'sessions' || name[0] === 'saturday_morning_reception') {
            form.setFields([{ name: name as Parameters<typeof form.getFieldError>[0], errors: [errorText(error, t)] }]);
            return;
          }
        }
        setGeneralError(errorText(error, t));
      },
    });
  };

  const effective: CalendarSettings = settings.data.effective;
  const hours = (effective.minutes_per_day / 60).toLocaleString(undefined, { maximumFractionDigits: 2 });

  return (
    <div className="calendar-settings" data-testid="calendar-settings">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('calendar.settings.weeklyRest')}>
            {weekdayOrder.filter((w) => effective.weekly_rest.includes(w)).map((w) => t(`calendar.weekdayLong.${w}`)).join(', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('calendar.settings.sessions')}>
            {effective.sessions.map((s) => `${s.start}–${s.end}`).join(', ')} ({t('calendar.settings.hoursPerDay', { hours })})
          </Descriptions.Item>
          <Descriptions.Item label={t('calendar.settings.saturdayReception')}>
            {effective.saturday_morning_reception ? t('calendar.settings.yes') : t('calendar.settings.no')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {!canEdit && <Alert type="info" showIcon message={t('calendar.settings.readOnly')} style={{ marginBottom: 16 }} />}
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} disabled={!canEdit} style={{ maxWidth: 720 }}>
        <Form.Item label={t('calendar.settings.weeklyRest')} required>
          <Form.Item name="rest_inherit" valuePropName="checked" noStyle>
            <Checkbox data-testid="settings-rest-inherit">{inheritLabel}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.rest_inherit !== b.rest_inherit}>
            {({ getFieldValue }) => (
              <Form.Item name="weekly_rest" style={{ marginTop: 8, marginBottom: 0 }}>
                <Checkbox.Group disabled={!canEdit || getFieldValue('rest_inherit')}
                  options={weekdayOrder.map((w) => ({ value: w, label: t(`calendar.weekdayLong.${w}`) }))} />
              </Form.Item>
            )}
          </Form.Item>
        </Form.Item>
        <Form.Item label={t('calendar.settings.sessions')} required extra={t('calendar.settings.sessionsHint')}>
          <Form.Item name="sessions_inherit" valuePropName="checked" noStyle>
            <Checkbox>{inheritLabel}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.sessions_inherit !== b.sessions_inherit}>
            {({ getFieldValue }) => {
              const locked = !canEdit || getFieldValue('sessions_inherit');
              return (
                <Form.List name="sessions">
                  {(fields, { add, remove }) => (
                    <div style={{ marginTop: 8 }}>
                      {fields.map((field, i) => (
                        <div key={field.key}><Space align="baseline">
                          <Typography.Text type="secondary">{t('calendar.settings.session', { n: i + 1 })}</Typography.Text>
                          <Form.Item name={[field.name, 'start']} style={{ marginBottom: 8 }}>
                            <Input placeholder="07:30" style={{ width: 90 }} disabled={locked} />
                          </Form.Item>
                          <span>–</span>
                          <Form.Item name={[field.name, 'end']} style={{ marginBottom: 8 }}>
                            <Input placeholder="11:30" style={{ width: 90 }} disabled={locked} />
                          </Form.Item>
                          {!locked && fields.length > 1 && (
                            <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('calendar.settings.removeSession')} />
                          )}
                        </Space></div>
                      ))}
                      {!locked && fields.length < 4 && (
                        <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })}>
                          {t('calendar.settings.addSession')}
                        </Button>
                      )}
                    </div>
                  )}
                </Form.List>
              );
            }}
          </Form.Item>
        </Form.Item>
        <Form.Item label={t('calendar.settings.saturdayReception')} extra={t('calendar.settings.saturdayReceptionHint')}>
          <Form.Item name="reception_inherit" valuePropName="checked" noStyle>
            <Checkbox>{inheritLabel}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.reception_inherit !== b.reception_inherit}>
            {({ getFieldValue }) => (
              <Form.Item name="saturday_morning_reception" valuePropName="checked" style={{ marginTop: 8, marginBottom: 0 }}>
                <Switch disabled={!canEdit || getFieldValue('reception_inherit')} />
              </Form.Item>
            )}
          </Form.Item>
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('app.action.save')}
          </Button>
        )}
      </Form>
    </div>
  );
}
