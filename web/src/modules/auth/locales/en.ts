import type { vi } from './vi';

export const en: Record<keyof typeof vi, string> = {
  'auth.login.title': 'Sign in',
  'auth.login.username': 'Username',
  'auth.login.password': 'Password',
  'auth.login.submit': 'Sign in',
  'auth.login.help': "Forgot your password? Ask your agency's system administrator to reset it.",
  'auth.login.sessionExpired': 'Your session has expired. Please sign in again.',
  'auth.password.title': 'Change password',
  'auth.password.current': 'Current password',
  'auth.password.new': 'New password',
  'auth.password.confirm': 'Repeat new password',
  'auth.password.mismatch': 'The passwords do not match',
  'auth.password.changed': 'Password changed',
  'auth.password.submit': 'Change password',
  'auth.role.administrator': 'System administrator',
  'auth.role.dost_evaluator': 'Evaluator (Department of Science and Technology)',
  'auth.role.leader': 'Leader',
  'auth.role.iso_secretary': 'ISO secretary',
  'auth.role.officer': 'Officer',
  'auth.role.clerk': 'Single-window clerk',
  'auth.role.internal_auditor': 'Internal auditor',
};
