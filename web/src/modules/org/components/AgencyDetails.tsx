import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../../i18n/I18nProvider';
import { kindLabelKey, levelColor, levelLabelKey, type Agency } from '../model';

const formatDate = (date: string | null) => (date ? dayjs(date).format('DD/MM/YYYY') : '—');

export function AgencyDetails({ agency, parent, canManage, onCreateChild, onEdit, onDeactivate }: {
  agency: Agency | null;
  parent: Agency | null;
  canManage: boolean;
  onCreateChild: () => void;
  onEdit: () => void;
  onDeactivate: () => void;
}) {
  const t = useT();
  if (!agency) {
    return (
      <Card title={t('org.details.title')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.details.empty')} />
      </Card>
    );
  }
  const active = agency.status === 'active';
  return (
    <Card
      title={<Typography.Text strong style={{ whiteSpace: 'normal' }}>{agency.name}</Typography.Text>}
      data-testid="agency-details"
    >
      <Descriptions column={1} size="small" bordered labelStyle={{ width: 170 }}>
        <Descriptions.Item label={t('org.field.shortName')}>{agency.short_name || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.field.kind')}>{t(kindLabelKey(agency.kind))}</Descriptions.Item>
        <Descriptions.Item label={t('org.field.level')}>
          <Tag color={levelColor[agency.level]}>{t(levelLabelKey(agency.level))}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.details.parent')}>
          {parent ? parent.name : t('org.details.noParent')}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.field.unitCode')}>
          <Typography.Text code copyable>{agency.unit_code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.field.gsoCode')}>{agency.gso_code || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.field.validFrom')}>{formatDate(agency.valid_from)}</Descriptions.Item>
        <Descriptions.Item label={t('org.details.status')}>
          <Badge status={active ? 'success' : 'default'}
            text={active ? t('org.status.active') : t('org.status.inactive')} />
        </Descriptions.Item>
        {!active && (
          <Descriptions.Item label={t('org.details.validTo')}>{formatDate(agency.valid_to)}</Descriptions.Item>
        )}
      </Descriptions>
      {canManage && active && (
        <Space wrap style={{ marginTop: 16 }}>
          <Button icon={<PlusOutlined />} onClick={onCreateChild} data-testid="agency-create-child">
            {t('org.action.createChild')}
          </Button>
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="agency-edit">{t('org.action.edit')}</Button>
          <Button danger icon={<StopOutlined />} onClick={onDeactivate} data-testid="agency-deactivate">
            {t('org.action.deactivate')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
