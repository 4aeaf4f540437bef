// "So sánh phiên bản": the text of two versions line by line, added lines green, removed red.
import { SwapRightOutlined } from '@ant-design/icons';
import { Empty, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { diffLines, htmlToLines } from '../diff';
import { stateLabelKey, type Version } from '../model';

export function CompareVersions({ versions, selected }: { versions: Version[]; selected: Version }) {
  const t = useT();
  // Default: the version before the selected one against the selected one.
  const older = versions.find((v) => v.number < selected.number) ?? null;
  const [fromNumber, setFrom] = useState<number | null>(older?.number ?? null);
  const [toNumber, setTo] = useState<number>(selected.number);
  const from = versions.find((v) => v.number === fromNumber) ?? null;
  const to = versions.find((v) => v.number === toNumber) ?? selected;
  const lines = useMemo(() => (from ? diffLines(textOf(from), textOf(to)) : []), [from, to]);

  if (versions.length < 2) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.compare.single')} />;
  }
  const options = versions.map((v) => ({
    value: v.number,
    label: `${t('documents.version.short', { number: v.number })} · ${t(stateLabelKey(v.state))}`,
  }));
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;

  return (
    <div data-testid="doc-compare">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 200 }} value={fromNumber} onChange={setFrom} options={options}
          placeholder={t('documents.compare.from')} data-testid="doc-compare-from" />
        <SwapRightOutlined />
        <Select style={{ width: 200 }} value={toNumber} onChange={setTo} options={options} data-testid="doc-compare-to" />
        {from && (
          <Typography.Text type="secondary">
            {t('documents.compare.summary', { added, removed })}
          </Typography.Text>
        )}
      </Space>
      {from && (
        <div className="doc-diff">
          {lines.map((line, i) => (
            <div key={i} className={`doc-diff-line doc-diff-${line.kind}`} data-testid={`diff-${line.kind}`}>
              <span className="doc-diff-no">
                {line.kind === 'added' ? `+${line.newLine}` : line.kind === 'removed' ? `−${line.oldLine}` : line.newLine}
              </span>
              <span className="doc-diff-sign">{line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}</span>
              <span>{line.text || ' '}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function textOf(v: Version): string {
  return [v.title, ...htmlToLines(v.content).split('\n')].join('\n');
}
