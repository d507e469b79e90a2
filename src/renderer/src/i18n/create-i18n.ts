import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/settings/language';
import { UI_TEXTS_EN } from '../../../shared/i18n/ui-texts-en';
import { UI_TEXTS_ZH } from '../../../shared/i18n/ui-texts-zh';

/** Texts from elsewhere (the device reasons' `device-texts.ts`): key → text per language. */
export type ExtraTexts = Readonly<Record<string, { 'zh-CN': string; en: string }>>;

/**
 * One i18next instance per window (never the global one), Chinese first. Interpolation uses
 * single braces so the device reason texts, written as `{package}`, drop in unchanged.
 */
export function createI18n(language: Language = 'zh-CN', extra: ExtraTexts = {}): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: UI_TEXTS_ZH }, en: { translation: UI_TEXTS_EN } },
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  for (const [key, text] of Object.entries(extra)) {
    instance.addResource('zh-CN', 'translation', key, text['zh-CN']);
    instance.addResource('en', 'translation', key, text.en);
  }
  return instance;
}
