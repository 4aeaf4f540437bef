// Căn cứ pháp lý: the legal texts a document rests on. When one of them is marked changed, the
// document becomes due for update within 3 months.
import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useLegalTexts, useSetLegalBases } from '../api';
import { formatDate } from '../model';

export function LegalBasesCard({ documentId, linked, editable }: {
  documentId: number; linked: number[]; editable: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const texts = useLegalTexts();
  const save = useSetLegalBases();
  const [editing, setEditing] = useState<number[] | null>(null);
  const byId = new Map((texts.data ?? []).map((x) => [x.id, x]));

  return (
    <Card size="small" title={t('documents.legalBases.title')} data-testid="doc-legal-bases"
      extra={editable && editing === null && (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(linked)}>{t('app.action.edit')}</Button>
      )}>
      {editing !== null ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select mode="multiple" style={{ width: '100%' }} value={editing} onChange={setEditing}
            optionFilterProp="label" loading={texts.isPending}
            options={(texts.data ?? []).map((x) => ({ value: x.id, label: `${x.number} — ${x.title}` }))} />
          <Space>
            <Button type="primary" size="small" loading={save.isPending}
              onClick={() => save.mutate({ id: documentId, legalTextIds: editing }, {
                onSuccess: () => { void message.success(t('app.state.saved')); setEditing(null); },
                onError: (error) => void message.error(errorText(error, t)),
              })}>
              {t('app.action.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(null)}>{t('app.action.cancel')}</Button>
          </Space>
        </Space>
      ) : linked.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.legalBases.none')} />
      ) : (
        <List size="small" dataSource={linked} renderItem={(id) => {
          const x = byId.get(id);
          return (
            <List.Item>
              <List.Item.Meta title={x?.number ?? `#${id}`} description={x?.title} />
              {x?.changed_on && <Tag color="orange">{t('documents.legalBases.changed', { date: formatDate(x.changed_on) })}</Tag>}
            </List.Item>
          );
        }} />
      )}
    </Card>
  );
}
