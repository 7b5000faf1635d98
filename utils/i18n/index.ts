/**
 * Tiny i18n for Dealbridge's UIs: each feature keeps its own English and Russian
 * dictionaries next to its code, so features cannot break each other's strings.
 * Plural forms go through Intl.PluralRules (Russian has one/few/many/other).
 */
export type Lang = 'en' | 'ru';
type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Entry = string | PluralForms;

let forced: Lang | null = null;

/** Tests and the options page may force a language; otherwise the browser's UI language wins. */
export function setLanguage(lang: Lang | null): void {
  forced = lang;
}

export function currentLanguage(): Lang {
  if (forced) return forced;
  const ui = uiLanguage();
  return ui.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** The browser's UI language cannot change while a page or worker lives; one read serves every string. */
let uiLanguageRead: string | null = null;

function uiLanguage(): string {
  uiLanguageRead ??= readUiLanguage();
  return uiLanguageRead;
}

function readUiLanguage(): string {
  const g = globalThis as { browser?: { i18n?: { getUILanguage?: () => string } }; navigator?: { language?: string } };
  try {
    const fromExtension = g.browser?.i18n?.getUILanguage?.();
    if (fromExtension) return fromExtension;
  } catch {
    // Outside an extension context (unit tests, the simulator): fall back to the navigator.
  }
  return g.navigator?.language ?? 'en';
}

export type Params = Record<string, string | number>;

/** Builds a translate function over English and Russian dictionaries with the same keys. */
export function createI18n<K extends string>(dictionaries: { en: Record<K, Entry>; ru: Record<K, Entry> }) {
  return function t(key: K, params: Params = {}): string {
    const lang = currentLanguage();
    const entry = dictionaries[lang][key] ?? dictionaries.en[key] ?? key;
    const text = typeof entry === 'string' ? entry : pluralize(entry, Number(params.count ?? 0), lang);
    return interpolate(text, params);
  };
}

function pluralize(forms: PluralForms, count: number, lang: Lang): string {
  const rule = new Intl.PluralRules(lang).select(count);
  return forms[rule] ?? forms.other;
}

function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Formats money for the user's locale in the given currency (falls back to a plain number). */
export function formatMoney(amount: number, currency: string | null): string {
  const locale = currentLanguage() === 'ru' ? 'ru-RU' : 'en-US';
  if (!currency) return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}
