/**
 * The worker's message router (utils/background/router.ts) in unit tests: our extension as it
 * knows it, who sends to it (our popup and overview, our content script in an impact.com tab),
 * and its deps as the worker gives them (opening a page does nothing here).
 */
import { vi } from 'vitest';
import type { RouterDeps } from '../../utils/background/router';
import type { SenderInfo } from '../../utils/messages';

export const OWN_ID = 'own-extension-id';
export const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;
export const fromPopup = { id: OWN_ID, url: `${OWN_ORIGIN}popup.html` } satisfies SenderInfo;
export const fromOverview = { id: OWN_ID, url: `${OWN_ORIGIN}overview.html` } satisfies SenderInfo;
export const fromImpactTab = { id: OWN_ID, url: 'https://app.impact.com/secure/mediapartner/x.ihtml', tab: { id: 3 } } satisfies SenderInfo;

export function routerDeps(overrides: Partial<RouterDeps> = {}): RouterDeps {
  return { ownId: OWN_ID, ownOrigin: OWN_ORIGIN, overviewUrl: `${OWN_ORIGIN}overview.html`, openPage: vi.fn(async () => {}), ...overrides };
}
