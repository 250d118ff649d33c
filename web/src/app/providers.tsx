import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useEffect } from 'react';
import { ApiError } from './api.ts';
import { currentLang, LangProvider, useLang } from './i18n.tsx';

type Notify = (text: string) => void;
let notifyError: Notify = () => {};

function reportError(error: unknown, silent: unknown) {
  if (silent || !(error instanceof ApiError)) return;
  // A lapsed session redirects to the login page; a toast on top of that only confuses.
  if (error.status === 401) return;
  notifyError(error.text(currentLang));
}

/** One place shows API errors, in the user's language, for every query and mutation. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => reportError(error, query.meta?.silent) }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => reportError(error, mutation.meta?.silent),
  }),
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** antd's message API needs its context; this bridge hands it to the query caches above. */
function ErrorBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    notifyError = (text) => message.error(text);
  }, [message]);
  return null;
}

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1f5fbf' } }}
      // "保存" rather than "保 存": the text users read, and what browser tests look for.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <ErrorBridge />
        {children}
      </AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <LocalisedAntd>{children}</LocalisedAntd>
      </LangProvider>
    </QueryClientProvider>
  );
}
