// First: starts the first storage read before the rest of the bundle is evaluated.
import '@/utils/tracker/prefetch';
import '@/utils/zod-messages';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage } from '@/utils/i18n';
import '@/components/theme.css';
import './popup.css';
import { PopupApp } from './App';

// The page's language and title follow the browser's interface language (index.html says English).
document.documentElement.lang = uiLanguage();
document.title = t('popup.title');

createRoot(document.getElementById('root')!).render(<PopupApp />);
