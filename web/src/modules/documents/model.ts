// Controlled documents and the QMS registry as the API sends them (/api/qms, /api/documents,
// /api/legal-texts), and the small formatting helpers the pages share.
import dayjs from 'dayjs';
import type { MessageKey } from '../../i18n/messages';

export const kinds = ['policy', 'objectives', 'manual', 'process', 'form', 'guidance', 'external'] as const;
export type Kind = (typeof kinds)[number];

// Draft → in review → approved → issued → superseded (by a newer issue) or obsolete (withdrawn).
export const states = ['draft', 'in_review', 'approved', 'issued', 'superseded', 'obsolete'] as const;
export type State = (typeof states)[number];

export const kindLabelKey = (kind: Kind): MessageKey => `documents.kind.${kind}`;
export const stateLabelKey = (state: State): MessageKey => `documents.state.${state}`;

export const stateColor: Record<State, string> = {
  draft: 'default',
  in_review: 'processing',
  approved: 'cyan',
  issued: 'success',
  superseded: 'warning',
  obsolete: 'error',
};

export const kindColor: Record<Kind, string> = {
  policy: 'magenta',
  objectives: 'volcano',
  manual: 'purple',
  process: 'blue',
  form: 'geekblue',
  guidance: 'green',
  external: 'gold',
};

export const isPublished = (state: State) => state === 'issued' || state === 'superseded' || state === 'obsolete';

export interface ScopeItem { code: string; name: string }

export interface Announcement {
  id: number;
  re_announcement: boolean;
  decision_number: string;
  decision_date: string;               // YYYY-MM-DD
  signer: string;
  dost_notice_date: string | null;
  posted_office_date: string | null;
  posted_website_date: string | null;
  scope: ScopeItem[];
  created_at: string;
}

export interface Qms {
  id: number;
  owner_agency_id: number;
  member_agency_ids: number[];         // the owner included
  name: string;
  edition: string;                     // "2008" | "2015"
  scope: ScopeItem[];
  announcements: Announcement[];       // oldest first
}

export interface QmsInput {
  owner_agency_id: number;
  member_agency_ids: number[];
  name: string;
  edition: string;
  scope: ScopeItem[];
}

export interface AnnouncementInput {
  decision_number: string;
  decision_date: string;
  signer: string;
  dost_notice_date?: string;
  posted_office_date?: string;
  posted_website_date?: string;
}

export interface Person { user_id: number; name: string; at: string }

export interface Signature {
  signer_id: number;
  signer_name: string;
  meaning: string;                     // "approved"
  signed_at: string;
  content_hash: string;
  signature: string;
  public_key: string;
}

export interface Attachment {
  sha256: string;
  filename: string;
  content_type: string;
  size: number;
  uploaded_at: string;
}

export interface Amendment { what: string; where: string; why: string }

export interface Version {
  number: number;
  state: State;
  title: string;
  content: string;                     // HTML from the editor, or plain text
  amendments: Amendment[];
  effective_date: string | null;
  review_due_date: string | null;
  drafted: Person | null;
  reviewed: Person | null;
  approved: Person | null;
  issued: Person | null;
  superseded_at: string | null;
  signature: Signature | null;
  attachments: Attachment[];
}

export interface DocumentSummary {
  id: number;
  qms_id: number;
  agency_id: number;
  code: string;
  title: string;
  kind: Kind;
  state: State | null;                 // of the newest version the user may see
  current_version: number | null;      // the issued version's number
  review_due_date: string | null;
  legal_update_due: string | null;     // a legal basis changed: update by this date
  legal_update_overdue: boolean;
  legal_text_ids: number[];
}

export interface DocumentDetail extends DocumentSummary {
  versions: Version[];                 // newest first
}

export interface DocumentFilter {
  qms_id?: number | null;
  kind?: Kind | null;
  state?: State | null;
  review_due?: boolean;
  q?: string;
}

export interface DraftInput {
  title: string;
  content: string;
  amendments: Amendment[];
  effective_date?: string | null;
  review_due_date?: string | null;
}

export interface NewDocumentInput extends DraftInput {
  qms_id: number;
  code: string;
  kind: Kind;
}

export type TransitionAction = 'submit' | 'review' | 'return' | 'approve' | 'issue' | 'obsolete';

export interface Receipt {
  user_id: number;
  user_name: string;
  agency_id: number;
  sent_at: string;
  acknowledged_at: string | null;
}

export interface InboxItem {
  document_id: number;
  code: string;
  title: string;
  version: number;
  sent_at: string;
  acknowledged_at: string | null;
}

export interface LegalText {
  id: number;
  number: string;
  title: string;
  changed_on: string | null;
}

export type VerifyReason = 'not_signed' | 'content_changed' | 'bad_signature' | 'key_mismatch';

export interface VerifyResult {
  ok: boolean;
  reason: VerifyReason | null;
  computed_hash: string;
  signature: Signature | null;
}

export const verifyReasonKey = (reason: VerifyReason | null): MessageKey =>
  reason ? `documents.verify.reason.${reason}` : 'documents.verify.reason.unknown';

// "29/04/2026" from "2026-04-29"; a dash for nothing.
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

// "29/04/2026 14:05" in the browser's time zone from an ISO 8601 instant.
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '—';
  const parsed = dayjs(instant);
  return parsed.isValid() ? parsed.format('DD/MM/YYYY HH:mm') : instant;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
