// The kind and state of a document as coloured tags, the same everywhere.
import { Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { kindColor, kindLabelKey, stateColor, stateLabelKey, type Kind, type State } from '../model';

export function KindTag({ kind }: { kind: Kind }) {
  const t = useT();
  return <Tag color={kindColor[kind]} bordered={false}>{t(kindLabelKey(kind))}</Tag>;
}

export function StateTag({ state }: { state: State | null }) {
  const t = useT();
  if (!state) return null;
  return <Tag color={stateColor[state]} data-testid={`state-${state}`}>{t(stateLabelKey(state))}</Tag>;
}
