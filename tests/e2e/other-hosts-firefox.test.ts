/**
 * Other impact.com addresses in a real browser (the anatomy doc: the same creator pages are
 * served on member.impactradius.com and white-label hosts). The replica answers there too.
 * Nothing of the extension runs on such a host until the creator allows it in the overview;
 * once allowed, the page gets the same controls as app.impact.com; once removed, none again.
 *
 * Firefox only: its `extensions.webextOptionalPermissionPrompts` pref answers the browser's
 * permission prompt (as Firefox's own tests do). Chromium has no switch for that prompt, and a
 * headless Chromium leaves it unanswered, so there the grant is covered by unit tests with a
 * fake permissions API (tests/unit/other-hosts.test.tsx, host-scripts.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness';
import { SUMMER_GLOW, pageUrls, waitFor } from './retrieve-data';
import { control, findControl, openOverview, openPage, ttcmControl } from './firefox-pages';

const MEMBER = 'member.impactradius.com';
let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox({
    prefs: { 'network.dns.localDomains': `app.impact.com,${MEMBER}`, 'extensions.webextOptionalPermissionPrompts': false },
  });
});
afterAll(async () => {
  await session?.close();
});

const onMember = (url: string) => url.replace('https://app.impact.com', `https://${MEMBER}`);

/** The creator opens the TTCM drop-down on the page (our controls, if any, come with it). */
async function openTtcm(page: Page): Promise<void> {
  const toggle = await control(page, 'TTCM Branded Content Details');
  const open = await toggle.evaluate((el) => (el.localName === 'summary' ? (el.parentElement as HTMLDetailsElement).open : el.getAttribute('aria-expanded') === 'true'));
  if (!open) await toggle.click();
}

/** No Copy invite link on the page, given the time our controls take on app.impact.com (`shownWithinMs`) twice over. */
async function staysWithoutControls(page: Page, shownWithinMs: number): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.max(1000, 2 * shownWithinMs)));
  expect(await findControl(page, 'Copy invite link')).toBeNull();
}

describe('other impact.com addresses (Firefox)', () => {
  it('runs on member.impactradius.com only once allowed in the overview, and stops once removed', async () => {
    const taskUrl = pageUrls('semantic', SUMMER_GLOW.campaignId, SUMMER_GLOW.taskId).task;
    // The extension is live: on app.impact.com the controls come (timed, as the yardstick below).
    const app = await openPage(session, taskUrl);
    const started = Date.now();
    await ttcmControl(app, 'Copy invite link');
    const shownWithinMs = Date.now() - started;

    const member = await openPage(session, onMember(taskUrl));
    await openTtcm(member);
    await staysWithoutControls(member, shownWithinMs);

    const overview = await openOverview(session);
    await (await control(overview, `Allow ${MEMBER}`)).click();
    await control(overview, `Remove ${MEMBER}`);

    // Allowed: the page there gets the same controls (a page open before needs a reload at most).
    await member.reload();
    await openTtcm(member);
    await control(member, 'Copy invite link');
    await control(member, 'Show QR code');

    await (await control(overview, `Remove ${MEMBER}`)).click();
    await control(overview, `Allow ${MEMBER}`);
    await member.reload();
    await openTtcm(member);
    await staysWithoutControls(member, shownWithinMs);
    // app.impact.com is not affected.
    await app.reload();
    await waitFor('controls on app.impact.com after the removal', () => findControl(app, 'Copy invite link').then((c) => c ?? ttcmControl(app, 'Copy invite link')));
  });
});
