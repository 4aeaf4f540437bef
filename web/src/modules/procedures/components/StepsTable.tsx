// A read-only list of steps with their budgets (the process in force on the procedure page).
import { Table, Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatAmount, type Step } from '../model';

export function StepsTable({ steps, testId }: { steps: Step[]; testId?: string }) {
  const { t, language } = useI18n();
  return (
    <Table<Step> size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={steps} data-testid={testId}
      columns={[
        { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
        { title: t('procedures.step.name'), dataIndex: 'name' },
        { title: t('procedures.step.responsible'), dataIndex: 'responsible', width: 220 },
        { title: t('procedures.step.kind'), dataIndex: 'kind', width: 120, render: (k: Step['kind']) => t(`procedures.kind.${k}`) },
        { title: t('procedures.step.budget'), key: 'budget', width: 170,
          render: (_, s) => (
            <>
              {formatAmount(s.budget.value, language)} {t(`procedures.unit.${s.budget.unit}`)}
              {s.parallel_group !== null && <Tag style={{ marginLeft: 6 }}>∥ {s.parallel_group}</Tag>}
            </>
          ) },
      ]} />
  );
}
