// Users and roles as the API sends them (GET /api/auth/me, /api/users).
import type { MessageKey } from '../../i18n/messages';

export const roles = [
  'administrator',
  'dost_evaluator',
  'leader',
  'iso_secretary',
  'officer',
  'clerk',
  'internal_auditor',
] as const;
export type Role = (typeof roles)[number];

export function roleLabelKey(role: Role): MessageKey {
  return `auth.role.${role}`;
}

export interface User {
  id: number;
  username: string;
  full_name: string;
  email: string;
  agency_id: number;
  agency_name: string;
  roles: Role[];
  province_wide: boolean;
  active: boolean;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export function hasAnyRole(user: User, required: readonly Role[]): boolean {
  return required.length === 0 || required.some((role) => user.roles.includes(role));
}
