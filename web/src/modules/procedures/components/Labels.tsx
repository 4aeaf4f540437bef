// Small shared renderings: a statutory time as "5 ngày làm việc", the online level tag.
import { Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatAmount, type Duration, type OnlineLevel } from '../model';

export function DurationText({ value }: { value: Duration }) {
  const { t, language } = useI18n();
  return <>{formatAmount(value.value, language)} {t(`procedures.unit.${value.unit}`)}</>;
}

const levelColor: Record<OnlineLevel, string> = { full: 'green', partial: 'blue', none: 'default' };

export function OnlineTag({ level }: { level: OnlineLevel }) {
  const { t } = useI18n();
  return <Tag color={levelColor[level]} data-testid={`proc-online-${level}`}>{t(`procedures.online.${level}`)}</Tag>;
}
