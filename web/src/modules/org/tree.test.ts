import { describe, expect, it } from 'vitest';
import type { Agency } from './model';
import { ancestry, buildAgencyTree, countNodes, filterAgencyTree, foldVietnamese, matchRanges } from './tree';

let nextId = 1;
function agency(name: string, parent: Agency | number | null, extra: Partial<Agency> = {}): Agency {
  return {
    id: nextId++,
    parent_id: typeof parent === 'number' || parent === null ? parent : parent.id,
    name,
    short_name: '',
    kind: 'department',
    level: 'province',
    unit_code: `000.00.${nextId}.H01`,
    gso_code: null,
    status: 'active',
    valid_from: '2025-07-01',
    valid_to: null,
    ...extra,
  };
}

const province = agency('UBND tỉnh Đắk Lắk', null, { kind: 'province_pc' });
const justice = agency('Sở Tư pháp', province);
const science = agency('Sở Khoa học và Công nghệ', province, { short_name: 'Sở KH&CN' });
const standards = agency('Chi cục Tiêu chuẩn Đo lường Chất lượng', science, { kind: 'sub_department' });
const district = agency('UBND huyện Krông Pắc', province, { kind: 'district_pc', level: 'district' });
const commune = agency('UBND xã Ea Phê', district, { kind: 'commune_pc', level: 'commune' });
const all = [province, justice, science, standards, district, commune];

describe('buildAgencyTree', () => {
  it('nests by parent_id and keeps the server order among siblings', () => {
    const roots = buildAgencyTree(all);
    expect(roots.map((r) => r.agency.name)).toEqual(['UBND tỉnh Đắk Lắk']);
    expect(roots[0]!.children.map((c) => c.agency.id)).toEqual([justice.id, science.id, district.id]);
    expect(roots[0]!.children[1]!.children[0]!.agency.id).toBe(standards.id);
    expect(countNodes(roots)).toBe(all.length);
  });

  it('makes an agency whose parent is not visible a root', () => {
    const roots = buildAgencyTree([science, standards, commune]);
    expect(roots.map((r) => r.agency.id)).toEqual([science.id, commune.id]);
  });

  it('survives a parent cycle without losing or repeating agencies', () => {
    const a = agency('A', null);
    const b = agency('B', a);
    a.parent_id = b.id;
    const roots = buildAgencyTree([a, b]);
    expect(countNodes(roots)).toBe(2);
  });
});

describe('foldVietnamese', () => {
  it('drops diacritics, đ and case', () => {
    expect(foldVietnamese('Đắk Lắk')).toBe('dak lak');
    expect(foldVietnamese('Sở Tư pháp')).toBe('so tu phap');
    expect(foldVietnamese('Ủy ban nhân dân')).toBe('uy ban nhan dan');
    expect(foldVietnamese('Sở Tư pháp'.normalize('NFD'))).toBe('so tu phap');
  });
});

describe('matchRanges', () => {
  it('maps a match without diacritics back to the original characters', () => {
    const text = 'Sở Tư pháp';
    const ranges = matchRanges(text, 'tu phap')!;
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['Tư pháp']);
  });
  it('matches every word in any order, or not at all', () => {
    const text = 'Sở Khoa học và Công nghệ';
    expect(matchRanges(text, 'cong nghe khoa')!.map(([s, e]) => text.slice(s, e))).toEqual(['Khoa', 'Công nghệ']);
    expect(matchRanges(text, 'khoa tu')).toBeNull();
  });
  it('works on text stored decomposed', () => {
    const text = 'Đắk Lắk'.normalize('NFD');
    const ranges = matchRanges(text, 'lak')!;
    expect(ranges.map(([s, e]) => text.slice(s, e).normalize('NFC'))).toEqual(['Lắk']);
  });
});

describe('filterAgencyTree', () => {
  const roots = buildAgencyTree(all);

  it('keeps everything for an empty query', () => {
    const result = filterAgencyTree(roots, '   ');
    expect(countNodes(result.roots)).toBe(all.length);
    expect(result.matched.size).toBe(0);
  });

  it('keeps matches with their ancestors and opens the path to them', () => {
    const result = filterAgencyTree(roots, 'ea phe');
    expect([...result.matched]).toEqual([commune.id]);
    expect(countNodes(result.roots)).toBe(3);   // province → district → commune
    expect(result.expanded.sort()).toEqual([province.id, district.id].sort());
  });

  it('finds by name without diacritics, by short name and by unit code', () => {
    expect([...filterAgencyTree(roots, 'so tu phap').matched]).toEqual([justice.id]);
    expect([...filterAgencyTree(roots, 'KH&CN').matched]).toEqual([science.id]);
    expect([...filterAgencyTree(roots, standards.unit_code).matched]).toEqual([standards.id]);
  });

  it('keeps the subtree of a matching agency', () => {
    const result = filterAgencyTree(roots, 'khoa hoc');
    expect(countNodes(result.roots)).toBe(3);   // province → science → standards
  });

  it('returns nothing when nothing matches', () => {
    expect(filterAgencyTree(roots, 'không có').roots).toEqual([]);
  });
});

describe('ancestry', () => {
  it('lists the chain from the root', () => {
    expect(ancestry(all, commune.id).map((a) => a.id)).toEqual([province.id, district.id, commune.id]);
    expect(ancestry(all, 9999)).toEqual([]);
  });
});
