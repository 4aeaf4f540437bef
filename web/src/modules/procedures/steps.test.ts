import { describe, expect, it } from 'vitest';
import { rowOfField } from './model';

describe('server step fields', () => {
  it('finds the row and the rest of the field', () => {
    expect(rowOfField('steps[2].budget')).toEqual({ row: 2, rest: 'budget' });
    expect(rowOfField('steps[10].budget.unit')).toEqual({ row: 10, rest: 'budget.unit' });
    expect(rowOfField('steps[0]')).toEqual({ row: 0, rest: '' });
    expect(rowOfField('steps')).toBeNull();
    expect(rowOfField(null)).toBeNull();
  });
});
