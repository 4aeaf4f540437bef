import type { vi } from './vi';

export const en: Record<keyof typeof vi, string> = {
  'dashboard.title': 'Overview',
  'dashboard.greeting': 'Hello, {name}',
  'dashboard.account': 'Account',
  'dashboard.username': 'Username',
  'dashboard.email': 'Email',
  'dashboard.agency': 'Agency',
  'dashboard.roles': 'Roles',
  'dashboard.scope': 'Data scope',
  'dashboard.scope.province': 'Whole province',
  'dashboard.scope.agency': 'Own agency and its subordinate units',
  'dashboard.noRoles': 'No role assigned yet',
  'dashboard.next.title': 'Get started',
  'dashboard.next.agencies': 'Browse the agency structure',
  'dashboard.next.users': 'Manage user accounts',
};
