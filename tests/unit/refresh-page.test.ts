/**
 * Refresh all on the page (utils/page/refresh.ts), on DOM snapshots of every replica family:
 * the TikTok campaigns of Participating, the task rows and their platform, sign-in and error
 * pages, and the tasks-page walk over a fake page whose actions appear on hover only (fake
 * clock, no real timers).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAMILIES, loadFixture } from './fixtures/load-fixture';
import { campaignsForAccount, defaultAccountId } from '../replica/scenario.mjs';
import { listCampaigns, pageTrouble, readCampaignTasks, rowPlatform, taskRowsOn, tikTokCampaignsOn, type RefreshPageDeps } from '../../utils/page/refresh';
import type { DiscoveredTask } from '../../utils/tracker/schema';

const mine = campaignsForAccount(defaultAccountId) as { name: string; platforms: string[] }[];
const tiktokNames = mine.filter((c) => c.platforms.includes('tiktok')).map((c) => c.name).sort();

function fakeDeps(over: Partial<RefreshPageDeps> = {}): RefreshPageDeps & { recorded: DiscoveredTask[]; slept: number[] } {
  let now = 1_000_000;
  const recorded: DiscoveredTask[] = [];
  const slept: number[] = [];
  const store = new Map<string, string>();
  return {
    doc: document,
    url: () => 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=41317',
    path: () => undefined,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
      await Promise.resolve();
    },
    memory: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
    record: async (task) => {
      recorded.push(task);
      return { key: `${task.campaignName}|${task.taskName}` };
    },
    timeouts: { appear: 2000, details: 2000 },
    recorded,
    slept,
    ...over,
  };
}

afterEach(() => {
  document.body.replaceChildren();
  document.title = '';
});

describe.each(FAMILIES)('%s family', (family) => {
  it('Participating: every joined campaign with a TikTok icon, once', async () => {
    loadFixture(`${family}-participating`);
    expect(tikTokCampaignsOn(document).map((c) => c.name).sort()).toEqual(tiktokNames);
    const answer = await listCampaigns(fakeDeps({ url: () => 'https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml#/joined' }));
    expect(answer.trouble).toBeUndefined();
    expect(answer.participating).toBe(true);
    expect(answer.campaigns.map((c) => c.name).sort()).toEqual(tiktokNames);
  });

  it('All Campaigns is not Participating: nothing to walk', () => {
    loadFixture(`${family}-all-campaigns`);
    expect(tikTokCampaignsOn(document)).toEqual([]);
  });

  it("a campaign's task rows: both TikTok tasks, by their platform", () => {
    loadFixture(`${family}-tasks-two-tiktok`);
    const rows = taskRowsOn(document);
    const tiktok = rows.filter((r) => r.platform === 'tiktok');
    expect(tiktok.map((r) => r.name).sort()).toEqual(['TikTok Video – Styling', 'TikTok Video – Unboxing']);
  });

  it('no sign-in or error trouble on ordinary pages', () => {
    loadFixture(`${family}-participating`);
    expect(pageTrouble(document, 'https://app.impact.com/secure/mediapartner/home/pview.ihtml')).toBeUndefined();
  });
});

describe('trouble pages', () => {
  it('a sign-in page, by its address or its password field', () => {
    expect(pageTrouble(document, 'https://app.impact.com/login.user')?.kind).toBe('login');
    expect(pageTrouble(document, 'https://app.impact.com/secure/mediapartner/home/pview.ihtml')).toBeUndefined();
    expect(pageTrouble(document, 'https://app.impact.com/secure/login/form')?.kind).toBe('login');
    document.body.innerHTML = '<h1>Sign in</h1><form><input name="u"><input type="password"><button>Log in</button></form>';
    expect(pageTrouble(document, 'https://app.impact.com/')?.kind).toBe('login');
  });

  it("an error page, by its title (the replica's 404)", () => {
    document.title = 'Page not found | impact.com';
    document.body.innerHTML = '<h1>Page not found</h1><p>The page you requested does not exist.</p>';
    expect(pageTrouble(document, 'https://app.impact.com/x')).toEqual({ kind: 'error', detail: expect.stringContaining('Page not found') });
  });
});

describe('row platform', () => {
  it('TikTok by icon or word, another platform by its name, else unknown', () => {
    document.body.innerHTML = `
      <div id="a"><span>Video</span><img alt="TikTok"></div>
      <div id="b"><span>Reel</span><span>Instagram</span></div>
      <div id="c"><span>Sign-off</span><span>Completed</span></div>`;
    expect(rowPlatform(document.getElementById('a')!)).toBe('tiktok');
    expect(rowPlatform(document.getElementById('b')!)).toBe('other');
    expect(rowPlatform(document.getElementById('c')!)).toBe('unknown');
  });
});

/**
 * A tasks page whose View Task Details appear only while the row is hovered, and whose details
 * open in a dialog with the TTCM section; a Retrieve my post button that must never be pressed.
 */
function hoverOnlyPage(options: { lostPresses?: number; withoutTtcm?: string[] } = {}): { retrievePressed: () => number } {
  let pressed = 0;
  let lost = options.lostPresses ?? 0;
  document.body.innerHTML = `
    <h1>Back to School Drop: Two Videos</h1><p>Kinetic Kicks</p>
    <ul id="tasks"></ul>`;
  const tasks = [
    { id: '880601', name: 'TikTok Video – Unboxing', platform: 'TikTok', link: 'https://www.tiktok.com/t/ZT2kQv9Rs/', code: 'KK1' },
    { id: '880602', name: 'TikTok Video – Styling', platform: 'TikTok', link: 'https://vm.tiktok.com/ZMabc/', code: 'KK2STYLE' },
    { id: '880603', name: 'Instagram Reel', platform: 'Instagram', link: '', code: '' },
  ];
  const list = document.getElementById('tasks')!;
  for (const t of tasks) {
    const li = document.createElement('li');
    li.dataset.taskId = t.id;
    li.innerHTML = `<span>${t.name}</span><span>${t.platform}</span><span>Not started</span><span>Due Dec 19, 2026</span>`;
    li.addEventListener('mouseenter', () => {
      if (li.querySelector('button')) return;
      const b = document.createElement('button');
      b.textContent = 'View Task Details';
      // A press lost (the row drawn anew under the pointer on a slow machine): nothing opens.
      b.addEventListener('click', () => (lost > 0 ? lost-- : openDetails(t)));
      li.append(b);
    });
    list.append(li);
  }
  function openDetails(t: (typeof tasks)[number]) {
    document.querySelector('[role="dialog"]')?.remove();
    const d = document.createElement('div');
    d.setAttribute('role', 'dialog');
    d.setAttribute('aria-label', t.name);
    d.innerHTML = `<h2>${t.name}</h2><p>Campaign: Back to School Drop: Two Videos</p><p>Status: Not started</p><p>Due date: Dec 19, 2026</p>
      ${t.platform === 'TikTok' && !options.withoutTtcm?.includes(t.name) ? `<details open><summary>TTCM Branded Content Details</summary><dl><dt>Invite link</dt><dd><a href="${t.link}">${t.link}</a></dd><dt>Campaign code</dt><dd><code>${t.code}</code></dd></dl></details><button id="retrieve">Retrieve my post</button>` : '<p>Post on Instagram.</p>'}
      <button>Close</button>`;
    d.querySelector('#retrieve')?.addEventListener('click', () => pressed++);
    d.querySelector('button:last-child')!.addEventListener('click', () => d.remove());
    document.body.append(d);
  }
  return { retrievePressed: () => pressed };
}

describe('the tasks-page walk', () => {
  it('reads every TikTok task behind hover-only actions, skips the other platform, never presses Retrieve my post', async () => {
    const page = hoverOnlyPage();
    const deps = fakeDeps();
    const pressedAt: number[] = [];
    document.addEventListener('click', (e) => (e.target as Element).textContent === 'View Task Details' && pressedAt.push(deps.now()), { capture: true });
    const answer = await readCampaignTasks('run1', { name: 'Back to School Drop: Two Videos', brand: 'Kinetic Kicks', id: '41317' }, deps);
    expect(answer.outcome).toBe('done');
    expect(answer.failures).toEqual([]);
    expect(answer.found).toBe(2);
    expect(deps.recorded.map((t) => [t.taskName, t.inviteLink, t.campaignCode, t.impactStatus, t.dueDate])).toEqual([
      ['TikTok Video – Unboxing', 'https://www.tiktok.com/t/ZT2kQv9Rs/', 'KK1', 'Not started', 'Dec 19, 2026'],
      ['TikTok Video – Styling', 'https://vm.tiktok.com/ZMabc/', 'KK2STYLE', 'Not started', 'Dec 19, 2026'],
    ]);
    expect(page.retrievePressed()).toBe(0);
    // Polite: at least a second between two presses of View Task Details.
    expect(pressedAt).toHaveLength(2);
    expect(pressedAt[1]! - pressedAt[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('a press of View Task Details lost on a slow machine is made once more, and the task is read', async () => {
    hoverOnlyPage({ lostPresses: 1 });
    const deps = fakeDeps();
    const answer = await readCampaignTasks('run1', { name: 'Back to School Drop: Two Videos', brand: 'Kinetic Kicks', id: '41317' }, deps);
    expect(answer.failures).toEqual([]);
    expect(deps.recorded.map((t) => t.taskName)).toEqual(['TikTok Video – Unboxing', 'TikTok Video – Styling']);
  });

  it('a TikTok task whose details have no TTCM section is listed with that reason, the others read', async () => {
    hoverOnlyPage({ withoutTtcm: ['TikTok Video – Unboxing'] });
    const deps = fakeDeps();
    const answer = await readCampaignTasks('run1', { name: 'Back to School Drop: Two Videos', brand: 'Kinetic Kicks', id: '41317' }, deps);
    expect(answer.outcome).toBe('done');
    expect(answer.failures).toEqual([{ task: 'TikTok Video – Unboxing', reason: 'The task details have no TTCM Branded Content Details.' }]);
    expect(deps.recorded.map((t) => t.taskName)).toEqual(['TikTok Video – Styling']);
  });

  it('details whose nodes die when they close (a frame removed: a dead object in Firefox) do not stop the walk', async () => {
    hoverOnlyPage();
    document.addEventListener('keydown', (e) => {
      const dialog = document.querySelector('[role="dialog"]');
      if (e.key !== 'Escape' || !dialog) return;
      dialog.remove();
      // Firefox: "can't access dead object" on any touch of a node of an unloaded frame.
      Object.defineProperty(dialog, 'isConnected', { get: () => { throw new TypeError("can't access dead object"); } });
    });
    const deps = fakeDeps();
    const answer = await readCampaignTasks('run1', { name: 'Back to School Drop: Two Videos', brand: 'Kinetic Kicks', id: '41317' }, deps);
    expect(answer.failures).toEqual([]);
    expect(answer.outcome).toBe('done');
    expect(deps.recorded.map((t) => t.taskName)).toEqual(['TikTok Video – Unboxing', 'TikTok Video – Styling']);
  });

  it('asked again (the page loaded anew after a press): carries on without reading a task twice', async () => {
    hoverOnlyPage();
    const deps = fakeDeps();
    const campaign = { name: 'Back to School Drop: Two Videos', brand: 'Kinetic Kicks', id: '41317' };
    // The first ask is cut off after the first task: its memory says what was done.
    let asks = 0;
    const cut = { ...deps, record: async (task: DiscoveredTask) => {
      const out = await deps.record(task);
      if (++asks === 1) throw new Error('page unloaded');
      return out;
    } };
    await expect(readCampaignTasks('run1', campaign, cut)).rejects.toThrow('page unloaded');
    // The memory still names the pressed task as pending: asked again, it is read, then the next.
    const again = await readCampaignTasks('run1', campaign, deps);
    expect(again.outcome).toBe('done');
    expect(deps.recorded.map((t) => t.taskName)).toEqual(['TikTok Video – Unboxing', 'TikTok Video – Unboxing', 'TikTok Video – Styling']);
    expect(again.recorded).toHaveLength(2);
  });
});
