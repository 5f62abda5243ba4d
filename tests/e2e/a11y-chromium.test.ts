/**
 * axe-core on what the extension draws, in Chromium on the production build, in the light and
 * the dark colour scheme: the TTCM controls, the tile controls and the QR dialog on impact.com
 * (every replica family), the popup (every card open) and the overview (its bulk confirmation
 * open too). 0 violations (WCAG 2 A/AA: contrast, names, roles). The popup also shows at least
 * 5 tasks at 420×600.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { IMPACT, ROOT, launchChromium, replicaUrls, type ChromiumSession } from './harness';
import { FAMILIES, S, type Family } from './overlay-shared';
import { overActiveTab } from './active-tab.mjs';
import { openTaskDetails, seedTasks } from './chromium-pages';

/** `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the README's screenshots of the popup, the overview and the page controls. */
const UPDATE_SCREENSHOTS = Boolean(process.env.UPDATE_SCREENSHOTS);
async function screenshot(page: Page, name: string): Promise<void> {
  if (!UPDATE_SCREENSHOTS) return;
  await mkdir(path.join(ROOT, 'docs/screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots', name) });
}

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'] as const;
let session: ChromiumSession;
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });

interface Violation {
  id: string;
  help: string;
  nodes: string[];
}

/** axe on our own hosts only (impact.com's replica is not ours to judge). */
async function axeOnOurs(page: Page, selector = '[data-tiktok-helper]'): Promise<Violation[]> {
  // Through the debugger protocol, not a script tag: no page's CSP stands in the way.
  await page.evaluate(await AXE_SOURCE);
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    // The hashed family re-renders (and we redraw) every 1.5 s: wait for a frame with ours drawn.
    let include = Array.from(document.querySelectorAll(sel));
    for (let i = 0; i < 100 && !include.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      include = Array.from(document.querySelectorAll(sel));
    }
    if (!include.length) throw new Error('nothing of ours on the page');
    const result = await axe.run({ include }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`) }));
  }, selector);
}

const CAMPAIGNS = [
  ['Summer Glow Serum Launch', 'Lumière Skincare'],
  ['Holiday Gift Guide 2026', 'Hearth & Home Co.'],
  ['Back to School Drop: Two Videos', 'Kinetic Kicks'],
  ['Spring Trail Running Collection', 'Northpeak Outdoor'],
  ['Cozy Mornings Coffee Subscription', 'Roastery Nine'],
  ['Glow-Up Skincare Routine Challenge', 'Dermaluxe Labs'],
] as const;

let seeded: Promise<void> | undefined;
/**
 * Twelve tracked tasks in six campaigns, as the content script would report them, then a few
 * moved on the way the worker would move them: in progress, retry scheduled, needs
 * attention, two submitted. Once per session.
 */
function seedScenario(): Promise<void> {
  if (seeded) return seeded;
  const tasks = Array.from({ length: 12 }, (_, i) => {
    const c = i % CAMPAIGNS.length;
    const [campaignName, brand] = CAMPAIGNS[c]!;
    const campaignId = String(71000 + c);
    const taskId = String(990000 + i);
    return {
      accountId: '1234567',
      accountName: 'Maya Creates',
      campaignId,
      campaignName,
      brand,
      taskId,
      taskName: i < CAMPAIGNS.length ? 'TikTok Video' : 'TikTok Video – Part 2',
      impactStatus: 'Awaiting submission',
      dueDate: `Dec ${8 + i}, 2026`,
      inviteLink: `https://www.tiktok.com/t/ZT${taskId}/`,
      campaignCode: `CODE${taskId}`,
      authorizationDays: 30 as const,
      taskUrl: `https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e2s1&campaignId=${campaignId}&taskId=${taskId}`,
    };
  });
  const now = Date.now();
  const posted = { linkCopied: now, videoPosted: now };
  const submitted = { state: 'submitted', impactStatus: 'TikTok Video pending approval', steps: posted };
  seeded = seedTasks(session, tasks, {
    '990001': { state: 'inProgress', steps: { linkCopied: now } },
    '990002': {
      state: 'retryScheduled',
      steps: posted,
      retrieve: { attempts: 1, firstAttemptAt: now, lastAttemptAt: now, nextAttemptAt: now + 3 * 3600_000, lastOutcome: 'impact.com did not show the post yet.' },
    },
    '990003': { state: 'needsAttention', steps: posted, retrieve: { attempts: 3, firstAttemptAt: now, lastAttemptAt: now, lastOutcome: 'The task page has no Retrieve my post button.' } },
    '990004': submitted,
    '990010': submitted,
  });
  return seeded;
}

/** axe on a whole extension page (ours from top to bottom). */
async function axeOnPage(page: Page): Promise<string[]> {
  await page.evaluate(await AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(', ')}`);
  });
}

/** View Task Details of a task, expanded, in the colour scheme. */
const openDetails = (family: Family, taskId: string, scheme: 'light' | 'dark') => openTaskDetails(session, family, taskId, (page) => page.emulateMedia({ colorScheme: scheme }));

describe('axe in Chromium: what the extension draws', () => {
  beforeAll(async () => {
    session = await launchChromium();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const scheme of SCHEMES) {
    it.each(FAMILIES)(`TTCM controls, tiles and the QR dialog: 0 violations (%s family, ${scheme})`, async (family) => {
      const page = await openDetails(family, S.ids.tiktokOnly.taskId, scheme);
      for (const name of ['Copy invite link', 'Show QR code', 'Copy campaign code', 'Mark as posted']) await expect.poll(() => button(page, name).count(), { message: name }).toBe(1);
      expect(await axeOnOurs(page)).toEqual([]);
      if (family === 'semantic' && scheme === 'light') {
        await page.getByText('TTCM Branded Content Details').first().scrollIntoViewIfNeeded();
        await screenshot(page, 'page-controls.png');
      }
      // The refused look-alike link: its alert.
      await button(page, 'Show QR code').click();
      await page.getByRole('dialog', { name: 'Invite link QR code' }).waitFor();
      expect(await axeOnOurs(page, '[data-tiktok-helper="qr-dialog"]')).toEqual([]);
      await page.close();

      const refused = await openDetails(family, S.ids.htmlLookingNames.taskId, scheme);
      await refused.getByRole('alert').filter({ hasText: 'not a TikTok link' }).waitFor();
      expect(await axeOnOurs(refused)).toEqual([]);
      await refused.close();

      const u = await replicaUrls(session.replica, family, S.ids.tiktokOnly.campaignId);
      const tiles = await session.context.newPage();
      await tiles.emulateMedia({ colorScheme: scheme });
      await tiles.goto(IMPACT + u.findCampaigns);
      await expect.poll(() => tiles.evaluate(() => document.querySelectorAll('[data-tiktok-helper="tile"]').length), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(() => button(tiles, 'Copy invite link').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await axeOnOurs(tiles)).toEqual([]);
      await tiles.close();
    });

    it(`the popup, every card open, and the overview: 0 violations (${scheme})`, async () => {
      await seedScenario();
      const popup = await session.context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 420, height: 600 });
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await popup.locator('main[data-complete="true"]').waitFor();
      await popup.getByRole('article').first().waitFor();
      expect(await axeOnPage(popup)).toEqual([]);
      // Every line opened, the submitted ones too: details, buttons, checklists, what to do.
      await popup.getByRole('button', { name: /^Submitted \(\d+\)$/ }).click();
      const closed = popup.locator('article button[aria-expanded="false"]');
      while ((await closed.count()) > 0) await closed.first().click();
      expect(await popup.getByText('What to do:').count()).toBeGreaterThanOrEqual(2);
      expect(await axeOnPage(popup)).toEqual([]);
      await popup.close();

      const overview = await session.context.newPage();
      await overview.emulateMedia({ colorScheme: scheme });
      await overview.setViewportSize({ width: 1280, height: 760 });
      await overview.goto(`chrome-extension://${session.extensionId}/overview.html`);
      await overview.locator('main[data-complete="true"], main').first().waitFor();
      await expect.poll(() => overview.getByRole('row').count()).toBeGreaterThan(5);
      expect(await axeOnPage(overview)).toEqual([]);
      await screenshot(overview, `overview-${scheme}.png`);
      // The bulk confirmation (a modal <dialog> over the dimmed page).
      await overview.getByRole('checkbox', { name: 'Select all shown tasks' }).check();
      await button(overview.getByRole('group', { name: 'Selected tasks' }), 'Mark as posted').click();
      await overview.getByRole('dialog').waitFor();
      expect(await axeOnPage(overview)).toEqual([]);
      await overview.keyboard.press('Escape');
      await overview.getByRole('dialog').waitFor({ state: 'detached' });
      await overview.close();
    });
  }

  it('the popup at 420×600 shows at least 5 tasks, one line each, the submitted ones in a closed section', async () => {
    await seedScenario();
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.locator('main[data-complete="true"]').waitFor();
    await expect.poll(() => popup.getByRole('article').count()).toBeGreaterThanOrEqual(10);
    // A task counts as shown when its whole line is inside the popup's 600 px without scrolling.
    const inView = () =>
      popup.evaluate(() =>
        Array.from(document.querySelectorAll('article'))
          .map((a) => a.querySelector('button')!.getBoundingClientRect())
          .filter((r) => r.height > 0 && r.top >= 0 && r.bottom <= innerHeight).length,
      );
    expect(await inView()).toBeGreaterThanOrEqual(5);
    // One line each: every line as tall as the first.
    const heights = await popup.evaluate(() => Array.from(document.querySelectorAll('article > h3 > button')).map((b) => Math.round(b.getBoundingClientRect().height)));
    expect(new Set(heights).size).toBe(1);
    expect(heights[0]).toBeLessThanOrEqual(40);
    const submitted = popup.getByRole('button', { name: /^Submitted \(\d+\)$/ });
    expect(await submitted.getAttribute('aria-expanded')).toBe('false');
    await screenshot(popup, 'popup-lines.png');
    // A click on a line opens the task: its details, buttons and checklist.
    await popup.getByRole('article').first().getByRole('button', { expanded: false }).click();
    await popup.getByRole('article').first().getByRole('group', { name: /^Steps: \d of 5 done$/ }).waitFor();
    await screenshot(popup, 'popup-task.png');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-task-dark.png');
    await popup.close();
  });

  it("with a task's page in the active tab, the popup opens that task with its checklist and still shows at least 5 tasks", async () => {
    await seedScenario();
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    // The active tab is the first seeded task's page (a popup opened as a page is its own).
    await overActiveTab(popup, 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e2s1&campaignId=71000&taskId=990000');
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.locator('main[data-complete="true"]').waitFor();
    const current = popup.getByRole('region', { name: 'On this tab' });
    await current.getByRole('group', { name: /^Steps: \d of 5 done$/ }).waitFor();
    // One card open (the campaign's second task stays a line), its next step says where to go.
    expect(await current.locator('article[data-expanded="true"]').count()).toBe(1);
    const lines = () =>
      popup.evaluate(() =>
        Array.from(document.querySelectorAll('article'))
          .map((a) => a.querySelector('button')!.getBoundingClientRect())
          .filter((r) => r.height > 0 && r.top >= 0 && r.bottom <= innerHeight).length,
      );
    await screenshot(popup, 'popup-current.png');
    expect(await lines()).toBeGreaterThanOrEqual(5);

    // Its QR code: the page's dialog (one <dialog> for both), whole inside the 420×600 popup so
    // the phone can scan it, free of axe violations; Escape gives focus back to the button.
    const show = current.getByRole('button', { name: 'Show QR code' });
    await show.click();
    const dialog = popup.getByRole('dialog', { name: 'Invite link QR code' });
    const code = dialog.getByRole('img', { name: 'QR code of the invite link' });
    const box = (await code.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(200);
    expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 420 && box.y + box.height <= 600).toBe(true);
    expect(await axeOnOurs(popup, '[data-tiktok-helper="qr-dialog"]')).toEqual([]);
    await screenshot(popup, 'popup-qr.png');
    await popup.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await show.evaluate((b) => document.activeElement === b)).toBe(true);
    await popup.close();
  });
});
