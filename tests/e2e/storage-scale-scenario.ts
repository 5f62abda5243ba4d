/**
 * 50,000 tasks on the production build (issue 16), written once for both browsers
 * (storage-scale-chromium, storage-scale-firefox run it through their ExtensionDriver): stored
 * one key per task in buckets (the bench's shape, scripts/bench/seed.mjs), the popup opens on
 * them and a step ticked there is stored and shown; the overview counts them all. How fast is
 * `npm run bench`'s business.
 */
import { expect } from 'vitest';
import type { DriverFrame, ExtensionDriver } from './extension-driver';
import { waitFor } from './retrieve-data';
// @ts-expect-error -- plain JavaScript module shared with the bench
import { seedTaskBuckets, trackedTikTokTasks } from '../../scripts/bench/seed.mjs';
import type { TrackedTask } from '../../utils/tracker/schema';
import { storedTaskKeysInExtension } from './stored-tasks';

const COUNT = 50_000;

type Api = { storage: { local: { get(keys: string | string[] | null): Promise<Record<string, unknown>> } } };

/** In an extension context: the task `key` as stored, as text, and the bucket it was found in (`bucket`, when known, is read alone). */
async function storedTaskText({ key, bucket }: { key: string; bucket?: string }): Promise<{ bucket: string; text: string } | null> {
  const api = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
  const found = bucket ?? Object.entries(await api.storage.local.get(null)).find(([n, b]) => n.startsWith('tasks:') && (b as Record<string, string>)[key] !== undefined)?.[0];
  if (found === undefined) return null;
  const text = ((await api.storage.local.get(found))[found] as Record<string, string> | undefined)?.[key];
  return text === undefined ? null : { bucket: found, text };
}

/** The popup's card of that task, as an expression for the frame (text: it carries nothing of this module). */
const card = (key: string) => `Array.from(document.querySelectorAll('article.task-card')).find((a) => a.getAttribute('data-task-key') === ${JSON.stringify(key)})`;
/** The card's step checkbox "Joined the campaign in TikTok". */
const joinedBox = (key: string) =>
  `(() => { const label = Array.from(${card(key)}?.querySelectorAll('label') ?? []).find((l) => l.textContent.includes('Joined the campaign in TikTok')); return label ? document.getElementById(label.htmlFor) : null; })()`;

/** `popupSize`: the popup tab's viewport (a toolbar popup's size), where the browser lets a test set it. */
export async function fiftyThousandTasksScenario(driver: ExtensionDriver, popupSize?: { width: number; height: number }): Promise<void> {
  const tasks = trackedTikTokTasks(COUNT) as Record<string, TrackedTask>;
  // Tasks already stored (in Firefox the overview opened from impact.com recorded that page's; all of them on a retry) count once.
  const before = await driver.inExtension(storedTaskKeysInExtension, null);
  const total = new Set([...before, ...Object.keys(tasks)]).size;
  await seedTaskBuckets((fn: (arg: unknown) => unknown, arg: unknown) => driver.inExtension(fn, arg), tasks, total);
  expect(await driver.inExtension(storedTaskKeysInExtension, null)).toHaveLength(total);

  const popup = await driver.openPopupTab();
  if (popupSize) await popup.setViewport(popupSize.width, popupSize.height);
  const top: DriverFrame = popup.top();
  const key = await waitFor('the first task card in the popup', () => top.evaluate<string | null>(`document.querySelector('article.task-card')?.getAttribute('data-task-key') ?? null`), 60_000);
  expect(key in tasks || before.includes(key)).toBe(true);
  // The card's line opens it (compact popup).
  const line = await top.element(`${card(key)}?.querySelector('button[aria-expanded="false"]') ?? null`);
  await line?.click();
  const box = await waitFor('the step checkbox', () => top.element(joinedBox(key)));
  const ticked = () => top.evaluate<boolean>(`${joinedBox(key)}.checked`);
  const first = (await driver.inExtension(storedTaskText, { key }))!;
  const stepsBefore = Object.keys((JSON.parse(first.text) as TrackedTask).steps).length;
  expect(await ticked()).toBe(false);
  await box.click();
  // Stored in its bucket (read alone: reading all 50,000 tasks at every poll would be slow), shown ticked.
  const stored = async () => JSON.parse((await driver.inExtension(storedTaskText, { key, bucket: first.bucket }))!.text) as TrackedTask;
  await waitFor('the tick stored', async () => ((await stored()).steps.joinedCampaign ? true : null), 30_000);
  expect(Object.keys((await stored()).steps)).toHaveLength(stepsBefore + 1);
  await waitFor('the box shown ticked', async () => ((await ticked()) ? true : null), 30_000);
  // The head counts every task and is the tracker's revision.
  const head = await driver.inExtension(async () => {
    const api = (globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome;
    const got = await api.storage.local.get(['trackerHead', 'tracker$']);
    const stored = JSON.parse(got.trackerHead as string) as { total: number; rev: number };
    return { total: stored.total, rev: stored.rev, stored: (got['tracker$'] as { rev: number }).rev };
  }, null);
  expect(head.total).toBe(total);
  expect(head.rev).toBe(head.stored);
  await popup.close();

  const overview = await driver.openOverview();
  await waitFor('the overview to count them all', () => overview.evaluate((text) => document.body.textContent!.includes(text), `${total.toLocaleString('en')} tasks across`), 120_000);
  await waitFor('the overview complete', () => overview.evaluate(() => document.querySelector('main')?.dataset.complete === 'true', null), 120_000);
}
