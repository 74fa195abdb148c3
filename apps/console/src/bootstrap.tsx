import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createConsoleClient, createConsoleQueryClient, TRPCProvider } from './api.ts';
import { App } from './app.tsx';
import { i18n } from './i18n.ts';
import './console.css';

const queryClient = createConsoleQueryClient();
const trpcClient = createConsoleClient();
if (navigator.language.toLowerCase().startsWith('zh')) void i18n.changeLanguage('zh-CN');

const root = document.createElement('div');
root.id = 'root';
document.body.append(root);
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <App />
        </TRPCProvider>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
