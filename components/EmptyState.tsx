import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { withParts } from './with-parts';

/**
 * The Participating tab of Discover → Find Campaigns. impact.com's marketplace is a Spring
 * Web Flow page routed by the fragment: opening it without `?execution=…` starts a fresh
 * flow, and `#/joined` selects Participating. This is the one place the address is written.
 */
export const PARTICIPATING_URL = 'https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml#/joined';

export function EmptyState() {
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty.title')}</h2>
      <p>
        {/* impact.com's own menu words: shown as its English pages show them (utils/page/text.ts). */}
        {withParts(t('empty.body', { path: '{path}', manageTasks: '{manageTasks}', viewDetails: '{viewDetails}' }), {
          path: <strong lang="en">Discover → Find Campaigns → Participating</strong>,
          manageTasks: <strong lang="en">Manage Tasks</strong>,
          viewDetails: <strong lang="en">View Task Details</strong>,
        })}
      </p>
      <button type="button" className="primary" onClick={() => void browser.tabs.create({ url: PARTICIPATING_URL })}>
        {t('empty.openParticipating')}
      </button>
    </section>
  );
}
