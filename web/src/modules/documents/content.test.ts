import { describe, expect, it } from 'vitest';
import { editorTextToHtml, htmlToEditorText } from './content';

describe('editor text ⇄ HTML', () => {
  it('writes paragraphs, headings and lists, escaping markup', () => {
    expect(editorTextToHtml('# 1. Mục đích\nQuy định <chung>\n- a\n- b\n1. một\n2. hai\n\nHết'))
      .toBe('<h2>1. Mục đích</h2><p>Quy định &lt;chung&gt;</p><ul><li>a</li><li>b</li></ul>'
        + '<ol><li>một</li><li>hai</li></ol><p>Hết</p>');
    expect(editorTextToHtml('')).toBe('');
  });

  it('reads stored HTML back into the same markup', () => {
    const html = '<h2>1. Mục đích</h2><p>Quy định chung.</p><ol><li>Một</li><li>Hai</li></ol><ul><li>x</li></ul>';
    const text = htmlToEditorText(html);
    expect(text).toBe('# 1. Mục đích\nQuy định chung.\n1. Một\n2. Hai\n- x');
    expect(editorTextToHtml(text)).toBe(html);
  });

  it('leaves plain text alone', () => {
    expect(htmlToEditorText('Dòng 1\nDòng 2')).toBe('Dòng 1\nDòng 2');
  });
});
