import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { messages as app } from "./messages";
import { messages as designer } from "../designer/messages";
import { messages as ops } from "../ops/messages";
import { messages as inbox } from "../inbox/messages";

export type Lang = "en" | "zh";
export type Messages = Record<Lang, Record<string, string>>;

/** Every area's texts, one dictionary per language; an area's keys start with its name ("designer.publish"). */
export const dictionary: Messages = {
  en: { ...app.en, ...designer.en, ...ops.en, ...inbox.en },
  zh: { ...app.zh, ...designer.zh, ...ops.zh, ...inbox.zh },
};

/** The text of `key` in `lang` with its {placeholders} filled; the English text, then the key, when missing. */
export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const text = dictionary[lang][key] ?? dictionary.en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole)) : text;
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: string, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem("baton.lang");
  if (saved === "en" || saved === "zh") {
    return saved;
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem("baton.lang", next);
    document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) {
    throw new Error("useI18n outside I18nProvider");
  }
  return i18n;
}
