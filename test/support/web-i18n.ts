/** The web app's UI resources as tests see them: web/src/i18n merged the way web/src/i18n/index.ts merges them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';

export const webI18nDir = path.resolve(import.meta.dirname, '..', '..', 'web', 'src', 'i18n');

/** The base file merged with every `<feature>.<lang>.json`; a namespace defined twice is an error. */
export function loadWebResources(lang: string): Record<string, unknown> {
  const out = JSON.parse(readFileSync(path.join(webI18nDir, `${lang}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  for (const name of readdirSync(webI18nDir).sort()) {
    if (!name.endsWith(`.${lang}.json`)) continue;
    const data = JSON.parse(readFileSync(path.join(webI18nDir, name), 'utf8')) as Record<string, unknown>;
    for (const key of Object.keys(data))
      if (key in out) throw new Error(`${name}: namespace ${key} is already defined elsewhere`);
    Object.assign(out, data);
  }
  return out;
}

/** A `t` for one language, configured as the web app configures i18next. */
export async function webT(lang: 'ja' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { [lang]: { translation: loadWebResources(lang) } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance.t;
}
