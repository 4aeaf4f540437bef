// Tree data for Ant Design TreeSelect fields that pick an agency (parent agency, user's agency).
import type { Agency } from '../model';
import { agencyMatches, buildAgencyTree, type AgencyNode } from '../tree';

export interface AgencyOption {
  value: number;
  title: string;
  label: string;
  disabled?: boolean;
  children: AgencyOption[];
}

// `exclude` drops an agency with its whole subtree (an agency cannot move under itself).
export function agencyOptions(agencies: readonly Agency[], exclude?: number): AgencyOption[] {
  const toOption = (node: AgencyNode): AgencyOption | null => {
    if (node.agency.id === exclude) return null;
    return {
      value: node.agency.id,
      title: node.agency.name,
      label: node.agency.name,
      children: node.children.map(toOption).filter((o): o is AgencyOption => o !== null),
    };
  };
  return buildAgencyTree(agencies).map(toOption).filter((o): o is AgencyOption => o !== null);
}

// filterTreeNode for TreeSelect's search box: diacritics optional.
export function filterAgencyOption(input: string, option?: { title?: unknown }): boolean {
  const title = typeof option?.title === 'string' ? option.title : '';
  return agencyMatches({ name: title, short_name: '', unit_code: '' } as Agency, input);
}
