import { describe, expect, it } from 'vitest';
import { messages, moduleMessages, translate } from './messages';

// Every locales/vi.ts in the source tree, so a module that forgets to register its messages fails.
const localeFiles = Object.keys(import.meta.glob('../**/locales/vi.ts'));

describe('i18n', () => {
  it('registers every locales folder', () => {
    const registered = Object.keys(moduleMessages).sort();
    const found = localeFiles
      .map((file) => {
        const parts = file.split('/');
        return parts[parts.length - 3];
      })
      .sort();
    expect(found).toEqual(registered);
  });

  for (const [namespace, { vi, en }] of Object.entries(moduleMessages)) {
    describe(namespace, () => {
      it('has every vi key in en and no extra en key', () => {
        expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
      });
      it(`keeps its keys under "${namespace}."`, () => {
        for (const key of Object.keys(vi)) expect(key.startsWith(`${namespace}.`), key).toBe(true);
      });
      it('has no empty text, and the same placeholders in both languages', () => {
        for (const [key, text] of Object.entries(vi)) {
          const other = (en as Record<string, string>)[key] ?? '';
          expect(text.trim(), `vi ${key}`).not.toBe('');
          expect(other.trim(), `en ${key}`).not.toBe('');
          const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
          expect(placeholders(other), key).toEqual(placeholders(text));
        }
      });
    });
  }

  it('has no key defined by two modules', () => {
    const total = Object.values(moduleMessages).reduce((n, m) => n + Object.keys(m.vi).length, 0);
    expect(Object.keys(messages.vi)).toHaveLength(total);
  });

  it('fills placeholders', () => {
    expect(translate('vi', 'dashboard.greeting', { name: 'Nguyễn Văn A' })).toBe('Xin chào, Nguyễn Văn A');
    expect(translate('en', 'org.tree.count', { count: 3 })).toBe('3 agencies');
  });
});
