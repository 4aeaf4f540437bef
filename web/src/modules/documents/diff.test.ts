import { describe, expect, it } from 'vitest';
import { diffLines, htmlToLines } from './diff';

describe('diffLines', () => {
  it('marks removed and added lines around the common ones', () => {
    const d = diffLines('Mục đích\nBước 1\nBước 2\nBiểu mẫu', 'Mục đích\nBước 1\nBước 2 (sửa)\nBiểu mẫu\nPhụ lục');
    expect(d.map((l) => `${l.kind}:${l.text}`)).toEqual([
      'same:Mục đích',
      'same:Bước 1',
      'removed:Bước 2',
      'added:Bước 2 (sửa)',
      'same:Biểu mẫu',
      'added:Phụ lục',
    ]);
  });

  it('handles empty sides', () => {
    expect(diffLines('', 'a\nb').map((l) => l.kind)).toEqual(['added', 'added']);
    expect(diffLines('a', '').map((l) => l.kind)).toEqual(['removed']);
    expect(diffLines('', '')).toEqual([]);
  });

  it('numbers lines on both sides', () => {
    const d = diffLines('x\ny', 'y');
    expect(d).toEqual([
      { kind: 'removed', text: 'x', oldLine: 1 },
      { kind: 'same', text: 'y', oldLine: 2, newLine: 1 },
    ]);
  });
});

describe('htmlToLines', () => {
  it('puts each block on its own line and decodes entities', () => {
    expect(htmlToLines('<h2>1. Mục đích</h2><p>A &amp; B</p><ul><li>một</li><li>hai</li></ul>')).toBe(
      '1. Mục đích\nA & B\nmột\nhai',
    );
  });
});
