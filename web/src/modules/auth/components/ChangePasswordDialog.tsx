import { App, Form, Input, Modal } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { useApiErrorHandler } from '../../../lib/errors';
import { useChangePassword } from '../api';
import { ConfirmPasswordItem } from './ConfirmPasswordItem';

interface PasswordForm {
  current_password: string;
  new_password: string;
  confirm: string;
}

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const onError = useApiErrorHandler();

  const submit = (values: PasswordForm) => {
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          void message.success(t('auth.password.changed'));
          onClose();
        },
        onError: (error) => onError(error, form),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('auth.password.title')}
      okText={t('auth.password.submit')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'password-submit' }}
    >
      <Form<PasswordForm> form={form} preserve={false} layout="vertical" onFinish={submit} data-testid="password-form">
        <Form.Item name="current_password" label={t('auth.password.current')}
          rules={[{ required: true, message: t('app.validation.required', { field: t('auth.password.current').toLowerCase() }) }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="new_password" label={t('auth.password.new')}
          rules={[{ required: true, message: t('app.validation.required', { field: t('auth.password.new').toLowerCase() }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ConfirmPasswordItem />
      </Form>
    </Modal>
  );
}
