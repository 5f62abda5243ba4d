// First: starts the first storage read before the rest of the bundle is evaluated.
import '@/utils/tracker/prefetch';
import '@/utils/zod-messages';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage } from '@/utils/i18n';
import '@/components/theme.css';
import './popup.css';
import { startSyncBeforeRender } from '@/utils/tracker/use-tracker';
import { FIRST_RENDER_WAIT_MS } from '@/utils/tracker/prefetch';
import type { ActiveTab } from '@/components/DiagnosticsPanel';
import { PopupApp, queryActiveTab } from './App';

// The page's language and title follow the browser's interface language (index.html says English).
document.documentElement.lang = uiLanguage();
document.title = t('popup.title');

// One first render with the head and the tab's answer (both usually asked for already, by
// prefetch.ts): not an empty popup first, then the list a frame later.
let tab: ActiveTab | null | undefined;
const tabAnswer = queryActiveTab().then((answer) => (tab = answer));
const limit = new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS));
void Promise.race([Promise.all([startSyncBeforeRender(FIRST_RENDER_WAIT_MS), tabAnswer]), limit]).then(() => {
  // Not answered in time: the popup takes the same answer when it comes.
  createRoot(document.getElementById('root')!).render(<PopupApp initialTab={tab} tabQuery={tabAnswer} />);
});
