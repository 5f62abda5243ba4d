// First: starts the first storage read before the rest of the bundle is evaluated.
import '@/utils/tracker/prefetch';
import '@/utils/zod-messages';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage } from '@/utils/i18n';
import '@/components/theme.css';
import './overview.css';
import { FIRST_RENDER_WAIT_MS } from '@/utils/tracker/prefetch';
import { startSyncBeforeRender } from '@/utils/tracker/use-tracker';
import { OverviewApp } from './App';

// The page's language and title follow the browser's interface language (index.html says English).
document.documentElement.lang = uiLanguage();
document.title = t('overview.title');

// One first render with the head's rows (its read usually under way already, prefetch.ts): not
// an empty page first, then the rows a frame later. The overview asks nothing about its tab:
// no tab filter read.
void startSyncBeforeRender(FIRST_RENDER_WAIT_MS, { tabFilter: false }).then(() => createRoot(document.getElementById('root')!).render(<OverviewApp />));
