// Agencies (cơ quan, đơn vị) as the API sends them: GET /api/agencies returns a flat list that
// the client arranges into a tree by parent_id.
import type { MessageKey } from '../../i18n/messages';

export const agencyKinds = [
  'province_pc',      // UBND tỉnh
  'party_office',     // Văn phòng Tỉnh ủy
  'ppc_office',       // Văn phòng UBND tỉnh
  'department',       // Sở, ban, ngành
  'sub_department',   // Chi cục
  'district_pc',      // UBND cấp huyện
  'commune_pc',       // UBND cấp xã
  'vertical',         // Cơ quan ngành dọc
] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export const agencyLevels = ['province', 'district', 'commune', 'vertical'] as const;
export type AgencyLevel = (typeof agencyLevels)[number];

export type AgencyStatus = 'active' | 'inactive';

export interface Agency {
  id: number;
  parent_id: number | null;
  name: string;
  short_name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  unit_code: string;
  gso_code: string | null;
  status: AgencyStatus;
  valid_from: string;        // YYYY-MM-DD
  valid_to: string | null;   // YYYY-MM-DD
}

// Body of POST /api/agencies and PUT /api/agencies/{id}.
export interface AgencyInput {
  name: string;
  short_name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parent_id: number | null;
  unit_code: string;
  gso_code: string | null;
  valid_from: string;
}

export const kindLabelKey = (kind: AgencyKind): MessageKey => `org.kind.${kind}`;
export const levelLabelKey = (level: AgencyLevel): MessageKey => `org.level.${level}`;

// The level an agency of `kind` usually has; the form proposes it and the user may change it.
export function usualLevel(kind: AgencyKind): AgencyLevel {
  switch (kind) {
    case 'district_pc': return 'district';
    case 'commune_pc': return 'commune';
    case 'vertical': return 'vertical';
    default: return 'province';
  }
}

// The kind a new unit under `parent` usually has.
export function usualChildKind(parent: AgencyKind): AgencyKind {
  switch (parent) {
    case 'province_pc': return 'department';
    case 'department': return 'sub_department';
    case 'district_pc': return 'commune_pc';
    default: return 'department';
  }
}

export const levelColor: Record<AgencyLevel, string> = {
  province: 'blue',
  district: 'cyan',
  commune: 'green',
  vertical: 'purple',
};
