import { describe, expect, it } from 'vitest';
import { isHtml, sanitizeHtml } from './sanitize';

describe('sanitizeHtml', () => {
  it('keeps the formatting the editor produces', () => {
    const html = '<h2>1. Mục đích</h2><p>Quy định <strong>thống nhất</strong> cách <em>biên soạn</em>.</p>'
      + '<ol><li>Một</li><li>Hai</li></ol><br/><table><tr><td colspan="2">A</td></tr></table>';
    expect(sanitizeHtml(html)).toBe('<h2>1. Mục đích</h2><p>Quy định <strong>thống nhất</strong> cách <em>biên soạn</em>.</p>'
      + '<ol><li>Một</li><li>Hai</li></ol><br><table><tr><td colspan="2">A</td></tr></table>');
  });

  it('removes scripts, styles and frames with their content', () => {
    expect(sanitizeHtml('<p>a</p><script>alert(1)</script><p>b</p>')).toBe('<p>a</p><p>b</p>');
    expect(sanitizeHtml('<STYLE>p{}</STYLE>x<iframe src="//evil"></iframe>y')).toBe('xy');
    expect(sanitizeHtml('<svg><script>alert(1)</script></svg>ok')).toBe('ok');
    expect(sanitizeHtml('<script>never closed')).toBe('');
  });

  it('drops every event handler, style and unknown attribute', () => {
    expect(sanitizeHtml('<p onclick="x()" style="color:red" class="c">t</p>')).toBe('<p>t</p>');
    expect(sanitizeHtml('<img src=x onerror=alert(1)>after')).toBe('after');
    expect(sanitizeHtml('<td rowspan="2" onmouseover="x">c</td>')).toBe('<td rowspan="2">c</td>');
    expect(sanitizeHtml('<td colspan="2;x">c</td>')).toBe('<td>c</td>');
  });

  it('keeps only http(s) and mailto links, opened safely', () => {
    expect(sanitizeHtml('<a href="https://vbpl.vn/x?a=1&amp;b=2">VB</a>'))
      .toBe('<a href="https://vbpl.vn/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">VB</a>');
    expect(sanitizeHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href="jav&#x61;script:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href=" javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href="data:text/html,<b>">x</a>')).toBe('<a>x</a>');
  });

  it('unwraps unknown tags, drops comments and escapes stray markup', () => {
    expect(sanitizeHtml('<font color="red">đỏ</font>')).toBe('đỏ');
    expect(sanitizeHtml('a<!-- <script>x</script> -->b')).toBe('ab');
    expect(sanitizeHtml('1 < 2 && 3 > 2')).toBe('1 &lt; 2 &amp;&amp; 3 &gt; 2');
    expect(sanitizeHtml('<p>&nbsp;&lt;b&gt;&#273;</p>')).toBe('<p>&nbsp;&lt;b&gt;&#273;</p>');
    expect(sanitizeHtml('<p title="a>b">x</p>')).toBe('<p>x</p>');
    expect(sanitizeHtml('<!DOCTYPE html><p>x</p>')).toBe('<p>x</p>');
  });

  it('treats plain text as text', () => {
    expect(sanitizeHtml('Quy trình "A"')).toBe('Quy trình &quot;A&quot;');
    expect(isHtml('Quy trình A')).toBe(false);
    expect(isHtml('<p>Quy trình A</p>')).toBe(true);
  });
});
