// Lịch làm việc: the year's working days for the province or one unit, the decisions behind
// them, the unit's working-time settings and a "try a deadline" form. Everyone signed in reads;
// administrators edit (province-wide ones the decisions, agency ones their units' settings).
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, InputNumber, Space, Tabs, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { agencyOptions, filterAgencyOption } from '../../org/components/agencyTreeSelect';
import { DeadlineForm } from '../components/DeadlineForm';
import { DecisionsTable } from '../components/DecisionsTable';
import { SettingsForm } from '../components/SettingsForm';
import { YearGrid } from '../components/YearGrid';
import '../calendar.css';

const firstYear = 1900;
const lastYear = 2100;

export default function CalendarPage() {
  const t = useT();
  const user = useCurrentUser();
  const [year, setYear] = useState(() => Math.min(lastYear, Math.max(firstYear, new Date().getFullYear())));
  const [agencyId, setAgencyId] = useState<number | null>(null);
  const [tab, setTab] = useState('year');
  const agencies = useAgencies(false);
  const options = useMemo(() => agencyOptions(agencies.data ?? []), [agencies.data]);

  const isAdmin = user.roles.includes('administrator');
  const provinceAdmin = isAdmin && user.province_wide;
  // An agency administrator edits their own agency and the units below it; the server decides.
  const canEditSettings = agencyId === null ? provinceAdmin : isAdmin;

  return (
    <div data-testid="calendar-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('calendar.page.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('calendar.page.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          {tab !== 'settings' && tab !== 'deadline' && (
            <Space.Compact>
              <Button icon={<LeftOutlined />} onClick={() => setYear((y) => Math.max(firstYear, y - 1))}
                aria-label={t('calendar.page.previousYear')} />
              <InputNumber min={firstYear} max={lastYear} value={year} style={{ width: 90 }}
                onChange={(v) => typeof v === 'number' && setYear(v)} data-testid="calendar-year-input" />
              <Button icon={<RightOutlined />} onClick={() => setYear((y) => Math.min(lastYear, y + 1))}
                aria-label={t('calendar.page.nextYear')} />
            </Space.Compact>
          )}
          {tab !== 'decisions' && (
            <TreeSelect
              allowClear
              showSearch
              style={{ width: 320 }}
              placeholder={t('calendar.page.province')}
              treeData={options}
              treeNodeFilterProp="title"
              filterTreeNode={filterAgencyOption}
              value={agencyId ?? undefined}
              onChange={(v: number | undefined) => setAgencyId(v ?? null)}
              popupMatchSelectWidth={false}
              data-testid="calendar-agency"
            />
          )}
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'year', label: t('calendar.tab.year'), children: <YearGrid year={year} agencyId={agencyId} /> },
          { key: 'decisions', label: t('calendar.tab.decisions'),
            children: <DecisionsTable year={year} canEdit={provinceAdmin} /> },
          { key: 'settings', label: t('calendar.tab.settings'),
            children: <SettingsForm key={agencyId ?? 0} agencyId={agencyId} canEdit={canEditSettings} /> },
          { key: 'deadline', label: t('calendar.tab.deadline'), children: <DeadlineForm agencyId={agencyId} /> },
        ]}
      />
    </div>
  );
}
