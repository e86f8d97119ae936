/**
 * UI strings: one JSON file per feature per language in messages/<lang>/<feature>.json.
 * `t('admin.users.title')` looks up key `users.title` in admin.json of the current language.
 * A new feature adds its two files; nothing here changes. Dutch is the default.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'wegwijs.lang';

type Tree = { [k: string]: string | Tree };
const files = import.meta.glob<Tree>('./messages/*/*.json', { eager: true, import: 'default' });

function flatten(tree: Tree, prefix: string, out: Map<string, string>) {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(`${prefix}${k}`, v);
    else flatten(v, `${prefix}${k}.`, out);
  }
}

const catalogues: Record<Language, Map<string, string>> = { nl: new Map(), en: new Map() };
for (const [path, tree] of Object.entries(files)) {
  const m = /\.\/messages\/(\w+)\/([\w-]+)\.json$/.exec(path);
  if (!m) continue;
  const lang = m[1] as Language;
  if (catalogues[lang]) flatten(tree, `${m[2]}.`, catalogues[lang]);
}

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

function translate(lang: Language, key: string, params?: Params): string {
  const s = catalogues[lang].get(key) ?? catalogues.nl.get(key);
  if (s === undefined) {
    if (import.meta.env.DEV) console.warn(`missing message: ${key}`);
    return key;
  }
  return params ? s.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all)) : s;
}

type I18n = { lang: Language; setLang: (l: Language) => void; t: Translate; has: (key: string) => boolean };
const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'nl';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => ({
    lang, setLang,
    t: (key, params) => translate(lang, key, params),
    has: (key) => catalogues[lang].has(key),
  }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/**
 * The API answers in both languages ("Nederlands / English"); show the part for the current language.
 * Known error codes get the UI's own message (errors.json) instead.
 */
export function useProblemText() {
  const { lang, t, has } = useI18n();
  const localise = useCallback((message: string) => {
    const parts = message.split(' / ');
    if (parts.length < 2) return message;
    return lang === 'en' ? parts.slice(1).join(' / ') : parts[0]!;
  }, [lang]);
  const forError = useCallback((err: unknown): string => {
    const e = err as { code?: string; detail?: string; status?: number };
    if (e?.code && has(`errors.${e.code}`)) return t(`errors.${e.code}`);
    if (e?.status === 0) return t('errors.network');
    if (e?.status && has(`errors.http_${e.status}`)) return t(`errors.http_${e.status}`);
    if (e?.detail) return localise(e.detail);
    return t('errors.unexpected');
  }, [has, t, localise]);
  return { localise, forError };
}

/**
 * The one formatter every page uses for dates, statuses and audit labels (docs/architecture.md,
 * "UI conventions"): never an ISO date or a raw code in the UI. Dates in Europe/Amsterdam.
 * - `date` "11 januari 2027"; `day` "maandag 11 januari 2027" (deadlines, appointments);
 *   `dateTime` "11 jan 2027 14:05"
 * - `status(kind, value)` a status in words ("geaccepteerd"), from labels.json status.<kind>
 * - `count(n)` a figure as the disclosure rule left it: a number, or "< 5" for a hidden cell (`null`; docs/monitor.md)
 * - `auditAction(code)`, `activity(code)` audit actions and processing activities in words (labels.json
 *   auditAction, one level per dotted segment; test/audit-labels.test.ts checks every action has one)
 */
export function useFormat() {
  const { lang, t, has } = useI18n();
  return useMemo(() => {
    const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
    const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
    const d = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
    const wd = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'Europe/Amsterdam' });
    // A calendar date (YYYY-MM-DD) is read at noon UTC so no time zone moves it to another day.
    const calendar = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T12:00:00Z`) : new Date(v));
    const label = (key: string, code: string) => (has(key) ? t(key) : t('labels.unknown', { code }));
    return {
      dateTime: (v: string | Date | null | undefined) => (v ? dt.format(new Date(v)) : ''),
      date: (v: string | null | undefined) => (v ? d.format(calendar(v)) : ''),
      day: (v: string | Date | null | undefined) => (v ? wd.format(typeof v === 'string' ? calendar(v) : v) : ''),
      status: (kind: 'referral' | 'portalRequest' | 'outcome' | 'trajectory' | 'clock' | 'wmo', value: string) => label(`labels.status.${kind}.${value}`, value),
      // An action that is also the start of others ('iwmo.claims', 'iwmo.claims.read') keeps its own label under '_'.
      auditAction: (code: string) => label(has(`labels.auditAction.${code}._`) ? `labels.auditAction.${code}._` : `labels.auditAction.${code}`, code),
      activity: (code: string) => label(`labels.activity.${code}`, code),
      count: (v: number | null | undefined) => (v === null || v === undefined ? '< 5' : v.toLocaleString(locale)),
    };
  }, [lang, t, has]);
}
