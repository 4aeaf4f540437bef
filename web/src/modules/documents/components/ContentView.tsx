// A version's stored content: HTML through the allowlist sanitizer, plain text as lines.
import { Empty, Typography } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { isHtml, sanitizeHtml } from '../sanitize';

export function ContentView({ content }: { content: string }) {
  const t = useT();
  const html = useMemo(() => (isHtml(content) ? sanitizeHtml(content) : null), [content]);
  if (!content.trim()) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.content.empty')} />;
  if (html !== null) {
    // Safe: sanitizeHtml keeps only an allowlist of tags and attributes (see sanitize.test.ts).
    return <div className="doc-content" data-testid="doc-content" dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return (
    <div className="doc-content" data-testid="doc-content">
      {content.split('\n').map((line, i) => <Typography.Paragraph key={i}>{line}</Typography.Paragraph>)}
    </div>
  );
}
