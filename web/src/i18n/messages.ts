// Every module's messages, merged. A module adds its locales/vi.ts and en.ts here; the test in
// i18n.test.ts fails when a key is missing in one language or a locales folder is not listed.
import { en as appEn } from '../app/locales/en';
import { vi as appVi } from '../app/locales/vi';
import { en as authEn } from '../modules/auth/locales/en';
import { vi as authVi } from '../modules/auth/locales/vi';
import { en as calendarEn } from '../modules/calendar/locales/en';
import { vi as calendarVi } from '../modules/calendar/locales/vi';
import { en as dashboardEn } from '../modules/dashboard/locales/en';
import { vi as dashboardVi } from '../modules/dashboard/locales/vi';
import { en as dossiersEn } from '../modules/dossiers/locales/en';
import { vi as dossiersVi } from '../modules/dossiers/locales/vi';
import { en as documentsEn } from '../modules/documents/locales/en';
import { vi as documentsVi } from '../modules/documents/locales/vi';
import { en as orgEn } from '../modules/org/locales/en';
import { vi as orgVi } from '../modules/org/locales/vi';
import { en as proceduresEn } from '../modules/procedures/locales/en';
import { vi as proceduresVi } from '../modules/procedures/locales/vi';
import { en as usersEn } from '../modules/users/locales/en';
import { vi as usersVi } from '../modules/users/locales/vi';
import type { Language } from './language';

// Namespace (first key segment) → its messages per language.
export const moduleMessages = {
  app: { vi: appVi, en: appEn },
  auth: { vi: authVi, en: authEn },
  calendar: { vi: calendarVi, en: calendarEn },
  dashboard: { vi: dashboardVi, en: dashboardEn },
  documents: { vi: documentsVi, en: documentsEn },
  dossiers: { vi: dossiersVi, en: dossiersEn },
  org: { vi: orgVi, en: orgEn },
  procedures: { vi: proceduresVi, en: proceduresEn },
  users: { vi: usersVi, en: usersEn },
} as const;

export const vi = { ...appVi, ...authVi, ...calendarVi, ...dashboardVi, ...documentsVi, ...dossiersVi, ...orgVi, ...proceduresVi, ...usersVi };
export type MessageKey = keyof typeof vi;

export const messages: Record<Language, Record<MessageKey, string>> = {
  vi,
  en: { ...appEn, ...authEn, ...calendarEn, ...dashboardEn, ...documentsEn, ...dossiersEn, ...orgEn, ...proceduresEn, ...usersEn },
};

export type Params = Record<string, string | number>;

// Looks a key up in `language`, falling back to Vietnamese, then to the key itself;
// `{name}` placeholders take their value from `params`.
export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = messages[language][key] ?? messages.vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}
