// A small allowlist HTML sanitizer for document content (the rich text the editor stores). It
// keeps structural and inline formatting tags, drops every attribute except a few harmless ones
// (table spans; http(s)/mailto links, which open in a new tab without referrer), removes comments
// and the content of script-like elements, and escapes everything else as text. Its output is the
// only HTML the document page ever hands to dangerouslySetInnerHTML.

const allowedTags = new Set([
  'p', 'br', 'hr', 'div', 'span', 'blockquote', 'pre', 'code',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark', 'small',
  'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'a',
]);
const voidTags = new Set(['br', 'hr']);
// Dropped together with everything inside them.
const droppedWithContent = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'noscript', 'template',
  'textarea', 'select', 'svg', 'math', 'title', 'head', 'xmp', 'plaintext', 'noembed', 'noframes',
]);

const tagPattern = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;
const attrPattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const entityPattern = /^&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});/;

function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '&') {
      const entity = entityPattern.exec(text.slice(i));
      if (entity) {
        out += entity[0];
        i += entity[0].length - 1;
      } else {
        out += '&amp;';
      }
    } else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else out += c;
  }
  return out;
}

const safeHref = /^(?:https?:\/\/|mailto:)[^\s"'<>`]*$/i;

function sanitizeAttributes(tag: string, source: string): string {
  let out = '';
  for (const match of source.matchAll(attrPattern)) {
    const name = (match[1] ?? '').toLowerCase();
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if ((tag === 'td' || tag === 'th') && (name === 'colspan' || name === 'rowspan') && /^[0-9]{1,3}$/.test(value)) {
      out += ` ${name}="${value}"`;
    } else if (tag === 'a' && name === 'href' && safeHref.test(value)) {
      out += ` href="${escapeText(value)}" target="_blank" rel="noopener noreferrer"`;
    }
  }
  return out;
}

export function sanitizeHtml(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += escapeText(html.slice(i));
      break;
    }
    out += escapeText(html.slice(i, lt));
    const rest = html.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (/^<[!?]/.test(rest)) {   // doctype, CDATA, processing instruction
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const tag = tagPattern.exec(rest);
    if (!tag) {   // a lone "<": text
      out += '&lt;';
      i = lt + 1;
      continue;
    }
    const closing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    i = lt + tag[0].length;
    if (droppedWithContent.has(name)) {
      if (!closing) {
        const close = new RegExp(`</${name}\\s*>`, 'i').exec(html.slice(i));
        i = close ? i + close.index + close[0].length : html.length;
      }
      continue;
    }
    if (!allowedTags.has(name)) continue;   // the tag goes, its text stays
    if (closing) {
      if (!voidTags.has(name)) out += `</${name}>`;
    } else {
      out += voidTags.has(name) ? `<${name}>` : `<${name}${sanitizeAttributes(name, tag[3] ?? '')}>`;
    }
  }
  return out;
}

// True when `content` looks like HTML rather than plain text.
export function isHtml(content: string): boolean {
  return /<\/?[a-zA-Z][^>]*>/.test(content);
}
