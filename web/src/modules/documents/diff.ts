// A line diff between two versions of a document (longest common subsequence), for the
// "compare versions" view. Documents are a few hundred lines, so the O(n·m) table is fine.
export type DiffLine =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'removed'; text: string; oldLine: number }
  | { kind: 'added'; text: string; newLine: number };

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs(i, j): length of the longest common subsequence of a[i..] and b[j..], in a flat table.
  const width = m + 1;
  const table = new Int32Array((n + 1) * width);
  const lcs = (i: number, j: number): number => table[i * width + j] ?? 0;
  const line = (lines: string[], k: number): string => lines[k] ?? '';
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        line(a, i) === line(b, j) ? lcs(i + 1, j + 1) + 1 : Math.max(lcs(i + 1, j), lcs(i, j + 1));
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (line(a, i) === line(b, j)) {
      out.push({ kind: 'same', text: line(a, i), oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (lcs(i + 1, j) >= lcs(i, j + 1)) {
      out.push({ kind: 'removed', text: line(a, i), oldLine: i + 1 });
      i++;
    } else {
      out.push({ kind: 'added', text: line(b, j), newLine: j + 1 });
      j++;
    }
  }
  for (; i < n; i++) out.push({ kind: 'removed', text: line(a, i), oldLine: i + 1 });
  for (; j < m; j++) out.push({ kind: 'added', text: line(b, j), newLine: j + 1 });
  return out;
}

// Rich content (HTML from the editor) as lines of text: one line per block element.
export function htmlToLines(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|tr|div)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
