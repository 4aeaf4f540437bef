import { describe, expect, it } from 'vitest';
import { capabilities, documentActions, transitionsFor } from './actions';

const qms = { member_agency_ids: [10, 11] };
const user = (agency_id: number, ...roles: Parameters<typeof capabilities>[0]['roles'][number][]) => ({ agency_id, roles });

describe('capabilities', () => {
  it('gives nothing outside the QMS, whatever the role', () => {
    expect(capabilities(user(99, 'leader', 'iso_secretary'), qms))
      .toEqual({ member: false, drafter: false, manager: false, leader: false });
    expect(capabilities(user(10, 'leader'), null).member).toBe(false);
  });
  it('maps roles inside the QMS', () => {
    expect(capabilities(user(11, 'officer'), qms)).toEqual({ member: true, drafter: true, manager: false, leader: false });
    expect(capabilities(user(10, 'iso_secretary'), qms)).toEqual({ member: true, drafter: true, manager: true, leader: false });
    expect(capabilities(user(10, 'leader'), qms)).toEqual({ member: true, drafter: false, manager: true, leader: true });
    expect(capabilities(user(10, 'clerk'), qms)).toEqual({ member: true, drafter: false, manager: false, leader: false });
  });
});

describe('transitionsFor', () => {
  const officer = capabilities(user(10, 'officer'), qms);
  const secretary = capabilities(user(10, 'iso_secretary'), qms);
  const leader = capabilities(user(10, 'leader'), qms);
  const outsider = capabilities(user(99, 'leader'), qms);

  it('lets drafters submit a draft', () => {
    expect(transitionsFor('draft', officer)).toEqual(['submit']);
    expect(transitionsFor('draft', secretary)).toEqual(['submit']);
    expect(transitionsFor('draft', leader)).toEqual([]);
  });
  it('lets managers review and return, and only leaders approve', () => {
    expect(transitionsFor('in_review', secretary)).toEqual(['review', 'return']);
    expect(transitionsFor('in_review', leader)).toEqual(['review', 'approve', 'return']);
    expect(transitionsFor('in_review', leader, true)).toEqual(['approve', 'return']);
    expect(transitionsFor('in_review', officer)).toEqual([]);
  });
  it('issues approved versions and withdraws issued ones', () => {
    expect(transitionsFor('approved', secretary)).toEqual(['issue']);
    expect(transitionsFor('approved', officer)).toEqual([]);
    expect(transitionsFor('issued', leader)).toEqual(['obsolete']);
  });
  it('offers nothing on superseded or obsolete versions, nor to outsiders', () => {
    expect(transitionsFor('superseded', leader)).toEqual([]);
    expect(transitionsFor('obsolete', secretary)).toEqual([]);
    for (const s of ['draft', 'in_review', 'approved', 'issued'] as const) expect(transitionsFor(s, outsider)).toEqual([]);
  });
});

describe('documentActions', () => {
  const secretary = capabilities(user(10, 'iso_secretary'), qms);
  const officer = capabilities(user(10, 'officer'), qms);
  it('edits drafts and starts a new version only from a published one', () => {
    expect(documentActions('draft', false, officer)).toMatchObject({ editDraft: true, newVersion: false, distribute: false });
    expect(documentActions('in_review', true, officer)).toMatchObject({ editDraft: false, newVersion: false });
    expect(documentActions('issued', true, officer)).toMatchObject({ newVersion: true, distribute: false });
    expect(documentActions('issued', true, secretary)).toMatchObject({ newVersion: true, distribute: true, legalBases: true });
    expect(documentActions('obsolete', false, secretary)).toMatchObject({ newVersion: true, distribute: false });
  });
});
