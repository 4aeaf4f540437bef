// The UI language: Vietnamese first, English on request, remembered in localStorage.
// Kept apart from React so the API client can send it as Accept-Language.
export type Language = 'vi' | 'en';
export const languages: readonly Language[] = ['vi', 'en'];

const storageKey = 'eiso.lang';
let current: Language = readStored();

function readStored(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return stored === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';   // storage disabled (private mode, tests): fall back to Vietnamese
  }
}

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  current = language;
  try {
    globalThis.localStorage?.setItem(storageKey, language);
  } catch {
    // not persisted; the choice still holds for this page
  }
}
