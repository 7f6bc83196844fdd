/** i18next set-up and the rules for choosing the UI language (user's choice, stored choice, browser). */
import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types.js';
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };

type Resource = Record<string, unknown>;

/**
 * Feature resources live beside the base files as `<feature>.en.json` / `<feature>.ja.json`; each
 * holds its own top-level namespaces, merged over the base so features never edit one shared file.
 */
const features = import.meta.glob<Resource>('./*.{en,ja}.json', { eager: true, import: 'default' });

function merged(base: Resource, lang: 'en' | 'ja'): Resource {
  const out: Resource = { ...base };
  for (const [file, data] of Object.entries(features)) if (file.endsWith(`.${lang}.json`)) Object.assign(out, data);
  return out;
}

export const locales: readonly Locale[] = ['ja', 'en'];
const storageKey = 'mamori.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

/** 'ja*' in the browser's preferred languages (before any English entry) → ja, otherwise en. */
export function browserLocale(): Locale {
  const list = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of list) {
    const lower = (tag ?? '').toLowerCase();
    if (lower.startsWith('ja')) return 'ja';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(storageKey);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
}

export function initialLocale(userLocale?: Locale | null): Locale {
  return userLocale ?? storedLocale() ?? browserLocale();
}

export function applyLocale(locale: Locale): Promise<TFunction> {
  document.documentElement.lang = locale;
  return i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

const first = initialLocale();
document.documentElement.lang = first;

void i18next.use(initReactI18next).init({
  resources: { en: { translation: merged(en, 'en') }, ja: { translation: merged(ja, 'ja') } },
  lng: first,
  fallbackLng: 'en',
  supportedLngs: ['ja', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export default i18next;
