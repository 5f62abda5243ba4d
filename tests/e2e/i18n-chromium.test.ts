/**
 * The extension's own interface in another language: Chromium started in French and in
 * Japanese (`--lang` and `LANGUAGE`, nothing else), one browser per language. A task is
 * discovered on the replica's View Task Details; then the page controls, the popup and the
 * overview are read whole (text, and the names a screen reader says: aria-label, title,
 * placeholder, alt) and must hold no English of ours: no fragment of an English message
 * (locales/en.yml, as built into _locales/en) that the language words differently. The task's
 * own data (campaign, brand, task, link, code…) and impact.com's / TikTok's own words (marked
 * lang="en") are the page's, not ours. In Japanese, where any Latin word stands out, nothing
 * Latin is left at all besides those and a short list of names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CHROME_BUILD, launchChromium, type ChromiumSession } from './harness';
import { TRACKED, discovered, taskDetailsUrl } from './tracker-data';
import { changeStoredTasksInExtension } from './stored-tasks';

type Messages = Record<string, { message: string }>;
const messages = (lang: string): Messages => JSON.parse(readFileSync(path.join(CHROME_BUILD, '_locales', lang, 'messages.json'), 'utf8'));
const english = messages('en');

/** Every form of a message, its placeholders cut out: the pieces a reader sees verbatim. */
function pieces(message: string): string[] {
  return message
    .split(' | ')
    .flatMap((form) => form.split(/\{[A-Za-z0-9_]+\}/))
    .map((p) => p.trim())
    .filter((p) => /\p{L}{3,}/u.test(p));
}

/** English pieces the language says otherwise: finding one on screen means an untranslated string. */
function englishTells(lang: string): string[] {
  const target = messages(lang);
  const all = Object.values(target)
    .map((m) => m.message)
    .join('\n');
  return [...new Set(Object.entries(english).flatMap(([name, m]) => pieces(m.message).filter((p) => !target[name]?.message.includes(p) && !all.includes(p))))];
}

/** What a person reads or hears in a document or shadow root: text without [lang="en"] parts, and accessible attributes. */
const READ = `(root) => {
  const holder = document.createElement('div');
  for (const child of root.childNodes) holder.append(child.cloneNode(true));
  for (const el of holder.querySelectorAll('[lang="en"], style, script')) el.remove();
  const text = holder.textContent || '';
  const attrs = [];
  for (const el of (root.querySelectorAll ? root.querySelectorAll('*') : [])) {
    if (el.closest('[lang="en"]')) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) { const v = el.getAttribute(a); if (v) attrs.push(v); }
  }
  return [text, ...attrs].join('\\n');
}`;

async function pageText(page: Page): Promise<string> {
  return page.evaluate(`(${READ})(document.body) + '\\n' + document.title`);
}

/** The controls the content script put on the page (open shadow roots). */
async function controlsText(page: Page): Promise<string> {
  return page.evaluate(`Array.from(document.querySelectorAll('[data-tiktok-helper]')).filter((h) => h.shadowRoot).map((h) => (${READ})(h.shadowRoot)).join('\\n')`);
}

/** Our controls whose words do not fit (cut, or spilling out of their box): longer languages must wrap instead. */
const CUT = `(roots) => roots.flatMap((root) => Array.from(root.querySelectorAll('button, .chip, .state-badge, td.wrap, label, legend')))
  .filter((el) => el.getClientRects().length > 0 && !el.closest('[lang="en"]') && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
  .map((el) => el.textContent.trim())`;
const cutInControls = (page: Page): Promise<string[]> =>
  page.evaluate(`(${CUT})(Array.from(document.querySelectorAll('[data-tiktok-helper]')).filter((h) => h.shadowRoot).map((h) => h.shadowRoot))`);
const cutInPage = (page: Page): Promise<string[]> => page.evaluate(`(${CUT})([document])`);

const task = discovered(TRACKED[0].campaignId, TRACKED[0].taskId);
/** The task's data, shown as the page gave it. */
const DATA = [task.campaignName, task.brand, task.taskName, task.accountName, task.impactStatus, task.inviteLink, task.campaignCode, task.dueDate].filter((d): d is string => !!d);
const withoutData = (text: string) => DATA.reduce((t, d) => t.split(d).join(' '), text);

/** Names that stay as they are in Japanese: brands, products, impact.com's and TikTok's own words, keys. */
const LATIN_NAMES = /TikTok|impact\.com|TTCM|Discover|Find Campaigns|Branded Content Details|Retrieve my post|View Task Details|Manage Tasks|Participating|Statement of Work|Spark Ads|Paid Partnership|More options|Content disclosure and ads|Add|Confirm|QR|CSV|KB|MB|GB|Alt|Shift|Ctrl|Deliverable Helper for|member\.impactradius\.com|app\.impact\.com|partners\.example\.com/g;

function expectNoEnglish(lang: string, where: string, text: string): void {
  const shown = withoutData(text);
  const left = englishTells(lang).filter((piece) => shown.includes(piece));
  expect(left, `${where} (${lang}) still shows English`).toEqual([]);
  if (lang === 'ja') {
    const latin = shown.replace(LATIN_NAMES, ' ').match(/[A-Za-z]{2,}/g) ?? [];
    expect(latin, `${where} (ja): Latin words left`).toEqual([]);
  }
}

describe.each(['fr', 'ja'])('interface in %s (Chromium)', (lang) => {
  let session: ChromiumSession;
  const t = messages(lang);
  const say = (name: string) => t[name]!.message;
  const plain = (name: string, values: Record<string, string>) => say(name).replace(/\{([A-Za-z0-9_]+)\}/g, (_, k: string) => values[k] ?? '');

  beforeAll(async () => {
    session = await launchChromium({ lang });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the browser speaks it: the extension reads it as its interface language', async () => {
    const worker = await session.serviceWorker();
    expect(await worker.evaluate('chrome.i18n.getUILanguage()')).toMatch(new RegExp(`^${lang}`));
    expect(await worker.evaluate('chrome.runtime.getManifest().name')).toBe(say('manifest_name'));
  });

  it('the page controls of a discovered task', async () => {
    const page = await session.newPage(taskDetailsUrl(TRACKED[0].campaignId, TRACKED[0].taskId));
    await page.getByText('TTCM Branded Content Details').first().click();
    await page.getByRole('button', { name: say('action_copyInviteLink'), exact: true }).first().waitFor();
    for (const name of ['action_copyCampaignCode', 'action_showQr', 'action_markPosted', 'action_openOverview']) {
      expect(await page.getByRole('button', { name: say(name), exact: true }).count(), name).toBeGreaterThan(0);
    }
    await expect.poll(() => controlsText(page)).toContain(plain('page_tracker', { state: say('state_notStarted') }));
    expectNoEnglish(lang, 'page controls', await controlsText(page));
    expect(await cutInControls(page), 'page controls cut').toEqual([]);
    await page.screenshot({ path: `/tmp/i18n-page-${lang}.png` });

    // The QR dialog, named in the language.
    await page.getByRole('button', { name: say('action_showQr'), exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: say('qr_dialogName') });
    await dialog.waitFor();
    expectNoEnglish(lang, 'QR dialog', await controlsText(page));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  it('the popup', async () => {
    const popup = await session.extensionPage('popup.html');
    await popup.setViewportSize({ width: 420, height: 900 });
    const line = popup.getByRole('article').filter({ hasText: task.campaignName });
    await line.waitFor();
    await line.getByRole('button', { expanded: false }).click();
    await line.getByRole('button', { name: say('action_markPosted'), exact: true }).waitFor();
    expect(await popup.evaluate('document.documentElement.lang')).toBe(lang);
    expect(await popup.title()).toBe(say('popup_title'));
    expect(await line.locator('.state-badge').textContent()).toBe(say('state_notStarted'));
    expectNoEnglish(lang, 'popup', await pageText(popup));
    // Nothing wider than the popup: long words wrap instead of being cut or scrolled.
    expect(await popup.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    expect(await cutInPage(popup), 'popup words cut').toEqual([]);
    await popup.screenshot({ path: `/tmp/i18n-popup-${lang}.png`, fullPage: true });
    await popup.close();
  });

  it('a failed "Retrieve my post": the reason the worker stored as codes, worded in the language', async () => {
    const worker = await session.serviceWorker();
    // The discovered task, as the worker leaves it when the task page has no button: codes, no words.
    const now = Date.now();
    await worker.evaluate(changeStoredTasksInExtension, {
      [TRACKED[0].taskId]: { state: 'needsAttention', updatedAt: now, retrieve: { attempts: 1, firstAttemptAt: now, lastAttemptAt: now, unreachableAttempts: 0, outcome: { code: 'noRetrieveButton', end: 'notOnPage' } } },
    });
    const popup = await session.extensionPage('popup.html');
    await popup.setViewportSize({ width: 420, height: 900 });
    const line = popup.getByRole('article').filter({ hasText: task.campaignName });
    await line.waitFor();
    await expect.poll(() => line.locator('.state-badge').first().textContent()).toBe(say('state_needsAttention'));
    if ((await line.getByRole('button', { expanded: false }).count()) > 0) await line.getByRole('button', { expanded: false }).click();
    const reason = plain('retrieveReason_endNotOnPage', { reason: say('retrieveReason_noRetrieveButton') });
    await expect.poll(() => pageText(popup)).toContain(reason);
    expectNoEnglish(lang, 'popup after a failed retrieve', await pageText(popup));
    await popup.screenshot({ path: `/tmp/i18n-popup-attention-${lang}.png`, fullPage: true });
    await popup.close();
  });

  it('the overview', async () => {
    const overview = await session.extensionPage('overview.html');
    await overview.getByRole('row').filter({ hasText: task.campaignName }).waitFor();
    expect(await overview.title()).toBe(say('overview_title'));
    await overview.getByRole('searchbox', { name: say('overview_search') }).waitFor();
    await overview.getByRole('combobox', { name: say('overview_state') }).waitFor();
    for (const name of ['overview_exportCsv', 'recovery_exportBackup', 'overview_importBackup']) {
      expect(await overview.getByRole('button', { name: say(name), exact: true }).count(), name).toBe(1);
    }
    expectNoEnglish(lang, 'overview', await pageText(overview));
    expect(await cutInPage(overview), 'overview words cut').toEqual([]);
    if (lang === 'fr') await overview.screenshot({ path: `/tmp/i18n-overview-${lang}.png` });
    await overview.close();
  });
});
