import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types.js';
import { locales } from '../i18n/index.js';
import { useNotify, useSession } from '../session.js';

/** 日本語 / English, as a two-button toggle group. Each label is in its own language. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useSession();
  const notify = useNotify();
  const current = i18n.language as Locale;
  const choose = async (locale: Locale) => {
    if (locale === current) return;
    const saved = await setLanguage(locale);
    notify(saved ? i18n.t('language.changed') : i18n.t('language.saveFailed'), saved ? 'success' : 'error');
  };
  return (
    <div className="lang-switch" role="group" aria-label={`${t('language.label')} / Language`}>
      {locales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={`lang-option${l === current ? ' is-current' : ''}`}
          aria-pressed={l === current}
          onClick={() => void choose(l)}
        >
          {t(`language.${l}`)}
        </button>
      ))}
    </div>
  );
}
