// The draft editor works on plain lines with a light markup, and stores HTML:
//   "# Heading"  → <h2>,   "- item" → <li> of a <ul>,   "1. item" → <li> of an <ol>,
//   any other non-empty line → <p>.
// htmlToEditorText turns stored HTML (framework model, earlier versions) back into that markup.
import { htmlToLines } from './diff';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function editorTextToHtml(text: string): string {
  let out = '';
  let list: 'ul' | 'ol' | null = null;
  const close = () => {
    if (list) out += `</${list}>`;
    list = null;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      close();
      continue;
    }
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    const heading = /^#{1,3}\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      if (list !== kind) {
        close();
        out += `<${kind}>`;
        list = kind;
      }
      out += `<li>${escape((bullet ?? numbered)?.[1] ?? '')}</li>`;
    } else if (heading) {
      close();
      out += `<h2>${escape(heading[1] ?? '')}</h2>`;
    } else {
      close();
      out += `<p>${escape(line)}</p>`;
    }
  }
  close();
  return out;
}

export function htmlToEditorText(html: string): string {
  if (!/<\/?[a-zA-Z][^>]*>/.test(html)) return html;
  // One pass in document order, so each <li> knows the list it is in.
  const lists: number[] = [];   // per open list: -1 for <ul>, else the last number of an <ol>
  const marked = html.replace(/<(\/?)(h[1-6]|ol|ul|li)\b[^>]*>/gi, (_whole, slash: string, tag: string) => {
    const name = tag.toLowerCase();
    if (slash) {
      if (name === 'ol' || name === 'ul') {
        lists.pop();
        return '\n\n';
      }
      return name === 'li' ? '' : '\n';
    }
    if (name === 'ol' || name === 'ul') {
      lists.push(name === 'ul' ? -1 : 0);
      return '\n';
    }
    if (name === 'li') {
      const top = lists.length - 1;
      const current = lists[top];
      if (current === undefined || current < 0) return '\n- ';
      lists[top] = current + 1;
      return `\n${current + 1}. `;
    }
    return '\n# ';
  });
  return htmlToLines(marked)
    .replace(/^(#|-|\d+\.)\s*$/gm, '')
    .split('\n')
    .filter((line) => line !== '')
    .join('\n');
}
