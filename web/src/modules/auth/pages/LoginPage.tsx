import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/components/LanguageSwitch';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useLogin, useSession } from '../api';
import './login.css';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const login = useLogin();
  const [form] = Form.useForm<LoginForm>();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session.data) return <Navigate to={from} replace />;

  const submit = (values: LoginForm) => {
    login.mutate(values, {
      onSuccess: () => navigate(from, { replace: true }),
      onError: () => form.setFieldValue('password', ''),
    });
  };

  return (
    <div className="login-page">
      <div className="login-brand">
        <div className="login-brand-inner">
          <div className="login-emblem" aria-hidden>
            <svg viewBox="0 0 32 32" width="44" height="44">
              <rect width="32" height="32" rx="7" fill="#fff" fillOpacity="0.16" />
              <path d="M9 16.5l4.5 4.5L23 11" fill="none" stroke="#fff" strokeWidth="3"
                strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </div>
          <Typography.Title level={2} className="login-brand-title">
            {t('app.product.title')}
          </Typography.Title>
          <Typography.Paragraph className="login-brand-subtitle">
            {t('app.product.subtitle')}
          </Typography.Paragraph>
        </div>
      </div>
      <div className="login-panel">
        <div className="login-language"><LanguageSwitch /></div>
        <Card className="login-card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0 }}>{t('auth.login.title')}</Typography.Title>
          {login.isError && (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              message={errorText(login.error, t)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={submit}
            size="large" data-testid="login-form">
            <Form.Item
              name="username"
              label={t('auth.login.username')}
              rules={[{ required: true, whitespace: true,
                message: t('app.validation.required', { field: t('auth.login.username').toLowerCase() }) }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.login.password')}
              rules={[{ required: true,
                message: t('app.validation.required', { field: t('auth.login.password').toLowerCase() }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('auth.login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            {t('auth.login.help')}
          </Typography.Paragraph>
        </Card>
        <Typography.Text type="secondary" className="login-footer">{t('app.footer')}</Typography.Text>
      </div>
    </div>
  );
}
