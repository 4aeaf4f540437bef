import { matchRanges } from '../tree';

// `text` with the words of `query` marked, matched without diacritics.
export function Highlight({ text, query }: { text: string; query: string }) {
  const ranges = query.trim() ? matchRanges(text, query) : null;
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const parts: JSX.Element[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(<span key={`t${i}`}>{text.slice(at, start)}</span>);
    parts.push(<mark key={`m${i}`} className="search-mark">{text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>);
  return <>{parts}</>;
}
