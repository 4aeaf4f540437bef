import { describe, expect, it } from 'vitest';
import { applicableForms } from './forms';

const base = { number: '000.00.91.H06-261125-0001' as string | null, outcome: 'received', status: 4,
  result_positive: null as boolean | null, apologized: false };

describe('printable forms', () => {
  it('offers the receipt and the control sheet once received', () => {
    expect(applicableForms({ ...base, status: 2 })).toEqual(['01', '05']);
    expect(applicableForms({ ...base, status: 10, result_positive: true })).toEqual(['01', '05']);
  });
  it('offers the supplement request when guided at intake or waiting for a supplement', () => {
    expect(applicableForms({ ...base, number: null, outcome: 'guided', status: 1 })).toEqual(['02']);
    expect(applicableForms({ ...base, status: 5 })).toEqual(['01', '02', '05']);
    expect(applicableForms({ ...base, status: 4 })).toEqual(['01', '05']);
  });
  it('offers the refusal when refused at intake or resolved negatively', () => {
    expect(applicableForms({ ...base, number: null, outcome: 'refused', status: 3 })).toEqual(['03']);
    expect(applicableForms({ ...base, status: 9, result_positive: false })).toEqual(['01', '03', '05']);
  });
  it('offers the apology after one', () => {
    expect(applicableForms({ ...base, apologized: true })).toEqual(['01', '04', '05']);
  });
});
