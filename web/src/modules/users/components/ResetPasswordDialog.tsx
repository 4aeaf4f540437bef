import { Alert, App, Form, Input, Modal } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { useApiErrorHandler } from '../../../lib/errors';
import type { User } from '../../auth/model';
import { useResetPassword } from '../api';
import { ConfirmPasswordItem } from '../../auth/components/ConfirmPasswordItem';

export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ new_password: string; confirm: string }>();
  const reset = useResetPassword();
  const onError = useApiErrorHandler();

  const submit = ({ new_password }: { new_password: string }) => {
    reset.mutate({ id: user.id, newPassword: new_password }, {
      onSuccess: () => {
        void message.success(t('users.reset.done', { username: user.username }));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  return (
    <Modal
      open
      title={t('users.reset.title', { username: user.username })}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      maskClosable={false}
    >
      <Alert type="info" showIcon message={t('users.reset.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="new_password" label={t('users.reset.newPassword')}
          rules={[{ required: true, message: t('app.validation.required', { field: t('users.reset.newPassword').toLowerCase() }) }]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <ConfirmPasswordItem />
      </Form>
    </Modal>
  );
}
