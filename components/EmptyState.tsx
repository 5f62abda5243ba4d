import { browser } from 'wxt/browser';

/**
 * The Participating tab of Discover → Find Campaigns. impact.com's marketplace is a Spring
 * Web Flow page routed by the fragment: opening it without `?execution=…` starts a fresh
 * flow, and `#/joined` selects Participating. This is the one place the address is written.
 */
export const PARTICIPATING_URL = 'https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml#/joined';

export function EmptyState() {
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No TikTok tasks yet</h2>
      <p>
        On impact.com, go to <strong>Discover → Find Campaigns → Participating</strong>, hover a campaign with the
        TikTok icon, choose <strong>Manage Tasks</strong>, then <strong>View Task Details</strong> on the TikTok task.
        The task shows up here once its details have been opened.
      </p>
      <button type="button" className="primary" onClick={() => void browser.tabs.create({ url: PARTICIPATING_URL })}>
        Open Participating campaigns
      </button>
    </section>
  );
}
