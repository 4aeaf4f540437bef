// Create or edit a user account: roles as checkboxes with their Vietnamese names; the initial
// password only on creation (later through "reset password").
import { Alert, App, Checkbox, Col, Form, Input, Modal, Row, Switch, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { applyFieldError, errorText } from '../../../lib/errors';
import { roleLabelKey, roles, type Role, type User } from '../../auth/model';
import { agencyOptions, filterAgencyOption } from '../../org/components/agencyTreeSelect';
import type { Agency } from '../../org/model';
import { useCreateUser, useUpdateUser } from '../api';

interface FormValues {
  username: string;
  full_name: string;
  email: string;
  agency_id: number;
  roles: Role[];
  password: string;
  active: boolean;
}

export function UserFormDialog({ user, defaultAgencyId, agencies, onClose }: {
  user: User | null;   // null: a new account
  defaultAgencyId: number | null;
  agencies: readonly Agency[];
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [generalError, setGeneralError] = useState<string | null>(null);
  const options = useMemo(() => agencyOptions(agencies), [agencies]);

  const required = (key: MessageKey, select = false) => ({
    required: true,
    // `whitespace` only for text: with it async-validator treats the value as a string and
    // rejects a date or an id.
    ...(select ? {} : { whitespace: true }),
    message: t(select ? 'app.validation.select' : 'app.validation.required', { field: t(key).toLowerCase() }),
  });

  const initial: Partial<FormValues> = user
    ? { ...user }
    : { agency_id: defaultAgencyId ?? undefined, roles: ['officer'], active: true };

  const submit = (values: FormValues) => {
    setGeneralError(null);
    const onError = (error: unknown) => {
      if (!applyFieldError(error, form, t)) setGeneralError(errorText(error, t));
    };
    const common = {
      full_name: values.full_name.trim(),
      email: values.email?.trim() ?? '',
      agency_id: values.agency_id,
      roles: roles.filter((role) => values.roles.includes(role)),
    };
    if (user) {
      update.mutate({ id: user.id, changes: { ...common, active: values.active } }, {
        onSuccess: (saved) => {
          void message.success(t('users.form.updated', { username: saved.username }));
          onClose();
        },
        onError,
      });
    } else {
      create.mutate({ ...common, username: values.username.trim(), password: values.password }, {
        onSuccess: (saved) => {
          void message.success(t('users.form.created', { username: saved.username }));
          onClose();
        },
        onError,
      });
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t(user ? 'users.form.editTitle' : 'users.form.createTitle')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
      maskClosable={false}
    >
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="user-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="username" label={t('users.field.username')} rules={user ? [] : [required('users.field.username')]}>
              <Input disabled={!!user} autoComplete="off" maxLength={64} autoFocus={!user} data-testid="user-field-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="full_name" label={t('users.field.fullName')} rules={[required('users.field.fullName')]}>
              <Input maxLength={255} data-testid="user-field-full-name" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('users.field.email')}
              rules={[{ type: 'email', message: t('app.validation.email') }]}>
              <Input maxLength={255} data-testid="user-field-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="agency_id" label={t('users.field.agency')} rules={[required('users.field.agency', true)]}>
              <TreeSelect showSearch treeData={options} treeNodeFilterProp="title" filterTreeNode={filterAgencyOption}
                popupMatchSelectWidth={false} data-testid="user-field-agency" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="roles" label={t('users.field.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.form.rolesRequired') }]}>
          <Checkbox.Group style={{ width: '100%' }} data-testid="user-field-roles">
            <Row gutter={[8, 8]}>
              {roles.map((role) => (
                <Col xs={24} sm={12} key={role}>
                  <Checkbox value={role}>{t(roleLabelKey(role))}</Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        {user ? (
          <Form.Item name="active" label={t('users.field.active')} valuePropName="checked">
            <Switch data-testid="user-field-active" />
          </Form.Item>
        ) : (
          <Form.Item name="password" label={t('users.field.password')} rules={[required('users.field.password')]}>
            <Input.Password autoComplete="new-password" data-testid="user-field-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
