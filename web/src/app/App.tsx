// Providers, outermost first: data cache, language, Ant Design (vi_VN / en_US), router.
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { ApiError } from '../api/client';
import { I18nProvider, useI18n } from '../i18n/I18nProvider';
import { sessionKey } from '../modules/auth/api';
import { createAppRouter } from './router';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A 401 on any read means the session ended (expired, or logged out elsewhere): show login.
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== sessionKey[0]) {
          client.setQueryData(sessionKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}

function Themed() {
  const { language } = useI18n();
  const [router] = useState(createAppRouter);
  useEffect(() => {
    dayjs.locale(language === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = language;
  }, [language]);
  return (
    <ConfigProvider
      locale={language === 'vi' ? viVN : enUS}
      theme={{
        token: { colorPrimary: '#1d4ed8', borderRadius: 6, colorBgLayout: '#f3f5f9' },
        components: { Layout: { siderBg: '#0f1f3d', triggerBg: '#0b1730' },
          Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0b1730' } },
      }}
    >
      <AntApp>
        <RouterProvider router={router} future={{ v7_startTransition: true }} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
