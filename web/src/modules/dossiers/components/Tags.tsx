// Small shared renderings: the status tag and the timeliness tag.
import { Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { statusColor, statusLabelKey, type Timeliness } from '../model';

export function StatusTag({ status }: { status: number }) {
  const t = useT();
  return <Tag color={statusColor[status] ?? 'default'} data-testid={`dossier-status-${status}`}>{t(statusLabelKey(status))}</Tag>;
}

const timelinessColor: Record<Timeliness, string> = { early: 'green', on_time: 'blue', late: 'red', late_apology: 'orange' };

export function TimelinessTag({ value }: { value: Timeliness | null }) {
  const t = useT();
  if (!value) return null;
  return <Tag color={timelinessColor[value]} data-testid={`timeliness-${value}`}>{t(`dossiers.timeliness.${value}` as MessageKey)}</Tag>;
}
