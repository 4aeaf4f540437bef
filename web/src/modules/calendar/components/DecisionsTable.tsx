// The year's decisions: built-in entries shipped with eISO and the rows administrators entered,
// which override a built-in entry of the same date. Administrators add, edit and delete rows.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useDecisions, useDeleteDecision } from '../api';
import { DecisionFormDialog } from './DecisionFormDialog';
import { decisionKindLabelKey, formatDate, type Decision } from '../model';

export function DecisionsTable({ year, canEdit }: { year: number; canEdit: boolean }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const decisions = useDecisions(year);
  const remove = useDeleteDecision();
  const [editing, setEditing] = useState<Decision | null | 'new'>(null);

  if (decisions.isError) return <Alert type="error" showIcon message={errorText(decisions.error, t)} />;

  const doDelete = (d: Decision) => {
    if (d.id === null) return;
    remove.mutate(d.id, {
      onSuccess: () => void message.success(t('calendar.decisions.deleted')),
      onError: (error) => void message.error(errorText(error, t)),
    });
  };

  return (
    <div data-testid="calendar-decisions">
      <div className="page-header">
        <Typography.Text type="secondary">{t('calendar.decisions.hint')}</Typography.Text>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="decision-add">
            {t('calendar.decisions.add')}
          </Button>
        )}
      </div>
      <Table<Decision>
        size="middle"
        rowKey={(d) => (d.id === null ? `builtin-${d.date}-${d.kind}` : String(d.id))}
        loading={decisions.isPending}
        dataSource={decisions.data ?? []}
        pagination={false}
        locale={{ emptyText: t('calendar.decisions.empty') }}
        columns={[
          { title: t('calendar.form.date'), dataIndex: 'date', width: 120, render: (date: string) => formatDate(date) },
          { title: t('calendar.form.kind'), dataIndex: 'kind', width: 200,
            render: (_: unknown, d) => t(decisionKindLabelKey(d.kind)) },
          { title: t('calendar.decisions.reason'), render: (_: unknown, d) => (language === 'en' ? d.reason_en : d.reason_vi) },
          { title: t('calendar.form.legalBasis'), dataIndex: 'citation' },
          { title: t('calendar.decisions.source'), width: 130, render: (_: unknown, d) => (d.builtin
            ? <Tag>{t('calendar.decisions.builtin')}</Tag>
            : <Tag color="blue">{t('calendar.decisions.entered')}</Tag>) },
          ...(canEdit ? [{
            title: t('calendar.decisions.actions'),
            width: 150,
            render: (_: unknown, d: Decision) => (d.builtin
              ? <Button size="small" onClick={() => setEditing(d)}>{t('calendar.decisions.override')}</Button>
              : (
                <Space>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}
                    aria-label={t('app.action.edit')} />
                  <Popconfirm title={t('calendar.decisions.deleteConfirm', { date: formatDate(d.date) })}
                    okText={t('calendar.decisions.delete')} cancelText={t('app.action.cancel')}
                    onConfirm={() => doDelete(d)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('calendar.decisions.delete')} />
                  </Popconfirm>
                </Space>
              )),
          }] : []),
        ]}
      />
      {editing !== null && (
        <DecisionFormDialog year={year} decision={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
