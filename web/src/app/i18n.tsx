import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { dictionary } from './dictionary.ts';

/** zh is the default: the platform's users work in Chinese; English serves visitors and reviewers. */
export type Lang = 'zh' | 'en';
export type TextKey = keyof typeof dictionary;
export type Bilingual = { zh: string; en: string };

const storageKey = 'edugov.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** The current language outside React (the API error notifier reads it). */
export let currentLang: Lang = initialLang();

const LangContext = createContext<{ lang: Lang; setLang: (lang: Lang) => void }>({
  lang: currentLang,
  setLang: () => {},
});

function applyLang(lang: Lang) {
  currentLang = lang;
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
applyLang(currentLang);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/** `t('key', { n: 3 })` looks the key up in the dictionary and fills `{n}` placeholders. */
export function useT() {
  const { lang } = useLang();
  return useCallback(
    (key: TextKey, vars?: Record<string, string | number>) => {
      let text: string = dictionary[key][lang];
      if (vars)
        for (const [name, value] of Object.entries(vars)) text = text.replace(`{${name}}`, String(value));
      return text;
    },
    [lang],
  );
}

/** Picks the current language from a `{zh, en}` pair, e.g. a module entry or a role sent by the API. */
export function usePick() {
  const { lang } = useLang();
  return useCallback((pair: Bilingual) => pair[lang], [lang]);
}
