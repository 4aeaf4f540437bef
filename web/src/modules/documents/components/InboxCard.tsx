// Documents sent to the user that still wait for "Đã đọc và hiểu"; hidden when there are none.
import { CheckOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useAcknowledge, useInbox } from '../api';
import { formatInstant } from '../model';

export function InboxCard() {
  const t = useT();
  const { message } = App.useApp();
  const inbox = useInbox();
  const acknowledge = useAcknowledge();
  const pending = (inbox.data ?? []).filter((item) => !item.acknowledged_at);
  if (pending.length === 0) return null;

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="doc-inbox"
      title={<Space><InboxOutlined /><span>{t('documents.inbox.title')}</span><Badge count={pending.length} /></Space>}>
      <List
        size="small"
        dataSource={pending}
        renderItem={(item) => (
          <List.Item data-testid={`doc-inbox-item-${item.document_id}`} actions={[
            <Button key="ack" size="small" type="primary" icon={<CheckOutlined />}
              loading={acknowledge.isPending && acknowledge.variables === item.document_id}
              onClick={() => acknowledge.mutate(item.document_id, {
                onSuccess: () => void message.success(t('documents.ack.done')),
                onError: (error) => void message.error(errorText(error, t)),
              })}>
              {t('documents.ack.button')}
            </Button>,
          ]}>
            <List.Item.Meta
              title={<Link to={`/documents/${item.document_id}`}>{item.code} — {item.title}</Link>}
              description={<Typography.Text type="secondary">
                {t('documents.inbox.sent', { version: item.version, at: formatInstant(item.sent_at) })}
              </Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
