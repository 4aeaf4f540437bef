// Shows an API failure where a person looks for it: on the form field the server named, or as
// the server's localized message; a local text only when the server said nothing.
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';
import { useT, type Translate } from '../i18n/I18nProvider';

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    if (error.status === 0) return t('app.error.network');
  }
  return t('app.error.unexpected');
}

// The server names a field as in the request body; a form may call it otherwise.
export type FieldMap = Record<string, string>;

// Puts `error` on the form field it names; false when it names none that `form` has.
export function applyFieldError(error: unknown, form: FormInstance, t: Translate, fieldMap: FieldMap = {}): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const name = fieldMap[error.field] ?? error.field;
  if (!(name in (form.getFieldsValue() as Record<string, unknown>))) return false;
  form.setFields([{ name, errors: [errorText(error, t)] }]);
  form.scrollToField(name);
  return true;
}

// For forms without a place of their own for general errors: the field, else a toast.
export function useApiErrorHandler() {
  const t = useT();
  const { message } = App.useApp();
  return useCallback((error: unknown, form?: FormInstance, fieldMap: FieldMap = {}) => {
    if (form && applyFieldError(error, form, t, fieldMap)) return;
    void message.error(errorText(error, t));
  }, [message, t]);
}
