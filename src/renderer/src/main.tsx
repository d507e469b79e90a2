import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createStationClient, NoStationError } from './api/client';
import { createI18n } from './i18n/create-i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const i18n = createI18n('zh-CN');
try {
  const client = createStationClient(window);
  root.render(
    <StrictMode>
      <App client={client} i18n={i18n} />
    </StrictMode>,
  );
} catch (err) {
  // Without a bridge there is nothing to show but how to get one.
  const text = err instanceof NoStationError ? i18n.t('app.noStation') : String(err);
  root.render(<p className="fatal">{text}</p>);
}
