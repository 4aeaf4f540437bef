// Pure helpers for the agency tree: arrange the flat API list by parent_id, and search it by
// name without caring about Vietnamese diacritics ("so tu phap" finds "Sở Tư pháp").
import type { Agency } from './model';

export interface AgencyNode {
  agency: Agency;
  children: AgencyNode[];
}

// Keeps the server's order among siblings. An agency whose parent is not in the list (the caller
// sees only part of the province) becomes a root; so does one caught in a parent cycle.
export function buildAgencyTree(agencies: readonly Agency[]): AgencyNode[] {
  const nodes = new Map<number, AgencyNode>();
  for (const agency of agencies) nodes.set(agency.id, { agency, children: [] });
  const roots: AgencyNode[] = [];
  for (const agency of agencies) {
    const node = nodes.get(agency.id)!;
    const parent = agency.parent_id === null ? undefined : nodes.get(agency.parent_id);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const reached = new Set<number>();
  const visit = (node: AgencyNode) => {
    reached.add(node.agency.id);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  for (const agency of agencies) {
    if (reached.has(agency.id)) continue;
    const node = nodes.get(agency.id)!;
    for (const other of nodes.values()) {
      other.children = other.children.filter((child) => child !== node);
    }
    roots.push(node);
    visit(node);
  }
  return roots;
}

// Lower case, without diacritics: "Đắk Lắk" → "dak lak".
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

function tokens(query: string): string[] {
  return foldVietnamese(query).split(/\s+/).filter(Boolean);
}

// Where each word of `query` first occurs in `text`, as [start, end) ranges of the original text,
// sorted; null unless every word occurs.
export function matchRanges(text: string, query: string): Array<[number, number]> | null {
  const words = tokens(query);
  if (words.length === 0) return [];
  // Fold character by character so a folded position maps back to the original one.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const piece = foldVietnamese(text[i]!);
    for (const ch of piece) {
      folded += ch;
      origin.push(i);
    }
  }
  const ranges: Array<[number, number]> = [];
  const phrase = words.join(' ');
  const whole = folded.indexOf(phrase);
  if (whole >= 0) return [[origin[whole]!, origin[whole + phrase.length - 1]! + 1]];
  for (const word of words) {
    const at = folded.indexOf(word);
    if (at < 0) return null;
    ranges.push([origin[at]!, origin[at + word.length - 1]! + 1]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && (range[0] <= last[1] || !text.slice(last[1], range[0]).trim())) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function agencyMatches(agency: Agency, query: string): boolean {
  const words = tokens(query);
  if (words.length === 0) return true;
  const haystack = foldVietnamese([agency.name, agency.short_name, agency.unit_code].join(' '));
  return words.every((word) => haystack.includes(word));
}

export interface FilteredTree {
  roots: AgencyNode[];
  matched: Set<number>;   // ids that match the query themselves
  expanded: number[];     // ids to open so that every match is visible
}

// Keeps the matches and their ancestors; a matching agency keeps its whole subtree.
// An empty query keeps everything and opens nothing.
export function filterAgencyTree(roots: readonly AgencyNode[], query: string): FilteredTree {
  const matched = new Set<number>();
  const expanded: number[] = [];
  if (tokens(query).length === 0) return { roots: [...roots], matched, expanded };
  const walk = (node: AgencyNode): AgencyNode | null => {
    if (agencyMatches(node.agency, query)) {
      matched.add(node.agency.id);
      node.children.forEach(markAll);
      return node;
    }
    const children = node.children.map(walk).filter((c): c is AgencyNode => c !== null);
    if (children.length === 0) return null;
    expanded.push(node.agency.id);
    return { agency: node.agency, children };
  };
  const markAll = (node: AgencyNode) => {
    if (agencyMatches(node.agency, query)) matched.add(node.agency.id);
    node.children.forEach(markAll);
  };
  const kept = roots.map(walk).filter((c): c is AgencyNode => c !== null);
  return { roots: kept, matched, expanded };
}

// The chain from the root down to `id`, inclusive; empty when `id` is unknown.
export function ancestry(agencies: readonly Agency[], id: number): Agency[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const chain: Agency[] = [];
  const seen = new Set<number>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return chain;
}

export function countNodes(roots: readonly AgencyNode[]): number {
  return roots.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}
