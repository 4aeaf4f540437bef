// The ordered steps of a draft process version: add, remove, reorder, edit, save. The timeline
// above shows the budgets against the statutory time as the user types; the server's verdict on
// save (e.g. procedures.budget_exceeds_statutory on steps[i].budget) lands on row i.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useSaveSteps } from '../api';
import { budgetUnits, rowOfField, stepKinds, type Duration, type Step, type StepKind, type TimeUnit } from '../model';
import { TimelineBar } from './TimelineBar';

interface Row extends Step { key: number }
interface RowError { row: number; field: string; message: string }

let nextKey = 1;
const toRows = (steps: readonly Step[]): Row[] => steps.map((s) => ({ ...s, key: nextKey++ }));


export function StepEditor({ processId, number, steps, editable, statutory, minutesPerDay }: {
  processId: number; number: number; steps: readonly Step[]; editable: boolean; statutory: Duration; minutesPerDay: number;
}) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveSteps();
  const [rows, setRows] = useState<Row[]>(() => toRows(steps));
  const [dirty, setDirty] = useState(false);
  const [rowError, setRowError] = useState<RowError | null>(null);
  const [general, setGeneral] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) setRows(toRows(steps));
  }, [steps, number]);   // eslint-disable-line react-hooks/exhaustive-deps

  const change = (next: Row[]) => { setRows(next); setDirty(true); setRowError(null); setGeneral(null); };
  const update = (i: number, patch: Partial<Step>) => change(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [moved] = next.splice(i, 1);
    if (moved) next.splice(i + by, 0, moved);
    change(next);
  };
  const add = () => change([...rows, { key: nextKey++, name: '', responsible: '', kind: 'appraise',
    budget: { value: 0.5, unit: 'working_day' }, parallel_group: null, agency_id: null }]);

  const submit = () => {
    setRowError(null); setGeneral(null);
    const body: Step[] = rows.map(({ key: _key, ...s }) => ({ ...s, name: s.name.trim(), responsible: s.responsible.trim() }));
    save.mutate({ id: processId, number, steps: body }, {
      onSuccess: () => { setDirty(false); void message.success(t('procedures.step.saved')); },
      onError: (error) => {
        const at = error instanceof ApiError ? rowOfField(error.field) : null;
        if (at && at.row < rows.length) setRowError({ row: at.row, field: at.rest, message: errorText(error, t) });
        else setGeneral(errorText(error, t));
      },
    });
  };

  const errorFor = (i: number, column: 'name' | 'budget') => {
    if (!rowError || rowError.row !== i) return null;
    const inBudget = rowError.field.startsWith('budget');
    if ((column === 'budget') !== inBudget) return null;
    return <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid={`step-error-${i}`}>
      {rowError.message}
    </Typography.Text>;
  };
  const status = (i: number, prefix: string) =>
    (rowError && rowError.row === i && rowError.field.startsWith(prefix) ? 'error' as const : undefined);

  return (
    <div data-testid="step-editor">
      <Typography.Title level={5}>{t('procedures.timeline.title')}</Typography.Title>
      <TimelineBar steps={rows} names={rows.map((r) => r.name)} statutory={statutory} minutesPerDay={minutesPerDay} />
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 12 }} data-testid="step-general-error" />}
      <Table<Row> size="small" pagination={false} rowKey="key" dataSource={rows} data-testid="step-table"
        rowClassName={(_, i) => (rowError?.row === i ? 'proc-step-error' : '')}
        locale={{ emptyText: t('procedures.step.empty') }}
        columns={[
          { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
          { title: t('procedures.step.name'), key: 'name',
            render: (_, r, i) => (editable ? (
              <>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} value={r.name} status={status(i, 'name')}
                  onChange={(e) => update(i, { name: e.target.value })} data-testid={`step-name-${i}`} />
                {errorFor(i, 'name')}
              </>
            ) : r.name) },
          { title: t('procedures.step.responsible'), key: 'responsible', width: 190,
            render: (_, r, i) => (editable ? (
              <Input value={r.responsible} status={status(i, 'responsible')}
                onChange={(e) => update(i, { responsible: e.target.value })} data-testid={`step-responsible-${i}`} />
            ) : r.responsible) },
          { title: t('procedures.step.kind'), key: 'kind', width: 130,
            render: (_, r, i) => (editable ? (
              <Select<StepKind> value={r.kind} style={{ width: '100%' }} onChange={(k) => update(i, { kind: k })}
                data-testid={`step-kind-${i}`}
                options={stepKinds.map((k) => ({ value: k, label: t(`procedures.kind.${k}`) }))} />
            ) : t(`procedures.kind.${r.kind}`)) },
          { title: t('procedures.step.budget'), key: 'budget', width: 240,
            render: (_, r, i) => (editable ? (
              <>
                <Space.Compact style={{ width: '100%' }}>
                  <InputNumber min={0} step={1} value={r.budget.value} status={status(i, 'budget')} style={{ width: 80 }}
                    onChange={(v) => update(i, { budget: { ...r.budget, value: v ?? 0 } })} data-testid={`step-value-${i}`} />
                  <Select<TimeUnit> value={r.budget.unit} style={{ width: 145 }} data-testid={`step-unit-${i}`}
                    onChange={(u) => update(i, { budget: { ...r.budget, unit: u } })}
                    options={budgetUnits.map((u) => ({ value: u, label: t(`procedures.unit.${u}`) }))} />
                </Space.Compact>
                {errorFor(i, 'budget')}
              </>
            ) : `${r.budget.value} ${t(`procedures.unit.${r.budget.unit}`)}`) },
          { title: <Tooltip title={t('procedures.step.parallelHint')}>{t('procedures.step.parallel')}</Tooltip>,
            key: 'group', width: 90,
            render: (_, r, i) => (editable ? (
              <InputNumber min={1} max={1000} value={r.parallel_group} style={{ width: '100%' }}
                status={status(i, 'parallel_group')} data-testid={`step-group-${i}`}
                onChange={(v) => update(i, { parallel_group: v ?? null })} />
            ) : (r.parallel_group ?? '')) },
          ...(editable ? [{ title: '', key: 'actions', width: 100,
            render: (_: unknown, __: Row, i: number) => (
              <Space size={0}>
                <Tooltip title={t('procedures.step.up')}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)}
                    data-testid={`step-up-${i}`} />
                </Tooltip>
                <Tooltip title={t('procedures.step.down')}>
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)} data-testid={`step-down-${i}`} />
                </Tooltip>
                <Tooltip title={t('procedures.step.remove')}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />}
                    onClick={() => change(rows.filter((_, k) => k !== i))} data-testid={`step-remove-${i}`} />
                </Tooltip>
              </Space>
            ) }] : []),
        ]} />
      {editable && (
        <Space style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined />} onClick={add} data-testid="steps-add">{t('procedures.step.add')}</Button>
          <Button type="primary" icon={<SaveOutlined />} onClick={submit} loading={save.isPending} disabled={!dirty}
            data-testid="steps-save">{t('procedures.step.save')}</Button>
        </Space>
      )}
    </div>
  );
}
