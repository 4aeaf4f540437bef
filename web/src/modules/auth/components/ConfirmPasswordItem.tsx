import { Form, Input } from 'antd';
import { useT } from '../../../i18n/I18nProvider';

// "Nhập lại mật khẩu mới": must equal the form's `new_password` field. Shared by the change- and
// reset-password dialogs.
export function ConfirmPasswordItem() {
  const t = useT();
  return (
    <Form.Item name="confirm" label={t('auth.password.confirm')} dependencies={['new_password']}
      rules={[
        { required: true, message: t('app.validation.required', { field: t('auth.password.confirm').toLowerCase() }) },
        ({ getFieldValue }) => ({
          validator: (_, value) => (!value || value === getFieldValue('new_password')
            ? Promise.resolve()
            : Promise.reject(new Error(t('auth.password.mismatch')))),
        }),
      ]}>
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
