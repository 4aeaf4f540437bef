// What the signed-in user may do with a document, mirroring the server's rules (documents
// service.hpp): drafts and versions on their way to issue belong to the QMS (its owner and member
// agencies); inside it an ISO secretary or officer drafts and submits, an ISO secretary or leader
// reviews, returns, issues, distributes and withdraws, and only a leader approves (and signs).
// The server stays the judge: the UI hides what it would refuse, and still shows its 403/422.
import type { Role } from '../auth/model';
import { isPublished, type State, type TransitionAction } from './model';

export interface Capabilities {
  member: boolean;    // works in an agency of the document's QMS
  drafter: boolean;   // … as ISO secretary or officer
  manager: boolean;   // … as leader or ISO secretary
  leader: boolean;
}

export function capabilities(user: { agency_id: number; roles: readonly Role[] },
  qms: { member_agency_ids: readonly number[] } | null | undefined): Capabilities {
  const member = !!qms && qms.member_agency_ids.includes(user.agency_id);
  const has = (...roles: Role[]) => roles.some((r) => user.roles.includes(r));
  return {
    member,
    drafter: member && has('iso_secretary', 'officer'),
    manager: member && has('iso_secretary', 'leader'),
    leader: member && has('leader'),
  };
}

// The transitions of one version in `state` open to someone with `caps`, in the order the
// buttons show. `reviewed`: the version already carries a review stamp.
export function transitionsFor(state: State, caps: Capabilities, reviewed = false): TransitionAction[] {
  const out: TransitionAction[] = [];
  switch (state) {
    case 'draft':
      if (caps.drafter) out.push('submit');
      break;
    case 'in_review':
      if (caps.manager && !reviewed) out.push('review');
      if (caps.leader) out.push('approve');
      if (caps.manager) out.push('return');
      break;
    case 'approved':
      if (caps.manager) out.push('issue');
      break;
    case 'issued':
      if (caps.manager) out.push('obsolete');
      break;
    default:
      break;
  }
  return out;
}

export interface DocumentActions {
  editDraft: boolean;       // change the draft's text, amendments, dates and attachments
  newVersion: boolean;      // start the next version from the newest published one
  distribute: boolean;      // send the issued version, see who acknowledged it
  legalBases: boolean;      // link the legal texts the document rests on
}

// Document-level actions; `newest` is the state of the newest version the user sees.
export function documentActions(newest: State | null, hasIssued: boolean, caps: Capabilities): DocumentActions {
  return {
    editDraft: newest === 'draft' && caps.drafter,
    newVersion: newest !== null && isPublished(newest) && caps.drafter,
    distribute: hasIssued && caps.manager,
    legalBases: caps.drafter || caps.manager,
  };
}
