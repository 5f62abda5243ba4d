// @vitest-environment node
// Smoke test of the impact.com replica: pages per family, control API, Retrieve my post behaviours.
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, paths, urlsFor, FAMILIES, type Replica } from './server.mjs';
import { campaignsForAccount, generateLargeScenario, ids, messages, postUrlFor, findTask } from './scenario.mjs';

let replica: Replica;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

function request(method: string, path: string, body?: unknown, type = 'application/json'): Promise<Res> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = https.request(
      {
        host: '127.0.0.1',
        port: replica.port,
        path,
        method,
        rejectUnauthorized: false,
        servername: 'app.impact.com',
        headers: { Host: 'app.impact.com', ...(payload ? { 'Content-Type': type, 'Content-Length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
const get = (p: string) => request('GET', p);
const post = (p: string, b: unknown = {}) => request('POST', p, b);
const retrieve = (taskId: string) => post(`/api/mediapartner/tasks/${taskId}/retrieve-post`);

beforeAll(async () => {
  replica = await startReplica({ port: 0 });
});
afterAll(async () => {
  await replica?.close();
});
beforeEach(async () => {
  await post('/__replica/reset');
});

describe('server basics', () => {
  it('listens on a free port and reports its origin', () => {
    expect(replica.port).toBeGreaterThan(0);
    expect(replica.origin).toBe(`https://127.0.0.1:${replica.port}`);
  });

  it('redirects / to the partner home', async () => {
    const r = await get('/');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(paths.home);
  });

  it('serves config, validates it, and resets it', async () => {
    expect((await get('/__replica/config')).json().family).toBe('semantic');
    const merged = (await post('/__replica/config', { family: 'hashed', retrieve: { notFoundTimes: 2 } })).json();
    expect(merged.family).toBe('hashed');
    expect(merged.retrieve).toMatchObject({ mode: 'success', notFoundTimes: 2 });
    expect((await post('/__replica/config', { family: 'nope' })).status).toBe(400);
    expect((await get('/__replica/config')).json().family).toBe('hashed');
    await post('/__replica/reset');
    expect((await get('/__replica/config')).json()).toMatchObject({ family: 'semantic', tileCount: 0, collapsedContent: 'present' });
  });
});

describe('semantic family pages (server-rendered)', () => {
  it('home shows the account and the Discover → Find Campaigns menu', async () => {
    const html = (await get(urlsFor({ family: 'semantic' }).home)).text;
    expect(html).toContain('Maya Creates (Acct 1234567)');
    expect(html).toContain('Discover');
    expect(html).toContain('>Find Campaigns</a>');
  });

  it('Participating tab shows tiles, platform icons by alt text, Manage Tasks; names are escaped', async () => {
    const html = (await get(urlsFor({ family: 'semantic' }).findCampaigns)).text;
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Participating</);
    for (const c of campaignsForAccount()) expect(html).toContain(c.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    expect(html).toContain('alt="TikTok"');
    expect(html).toContain('alt="Instagram"');
    expect(html).toContain('alt="YouTube"');
    expect(html).toContain('Manage Tasks');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x onerror');
    expect(html).not.toContain('<script>alert');
  });

  it('Manage Tasks lists tasks with status words and View Task Details', async () => {
    const html = (await get(urlsFor({ family: 'semantic', campaignId: ids.allPlatforms.campaignId }).manageTasks)).text;
    expect(html).toContain('My Campaign Tasks');
    for (const s of ['Completed', 'Instagram Reel approved', 'Waiting for Instagram Reel', 'Awaiting submission']) expect(html).toContain(s);
    expect(html).toContain('View Task Details');
  });

  it('View Task Details shows sections, the TTCM drop-down with link, code and SOW', async () => {
    const { campaignId, taskId } = ids.tiktokOnly;
    const html = (await get(urlsFor({ family: 'semantic', campaignId, taskId }).taskDetails!)).text;
    for (const s of ['Draft', 'Deliverable', 'Metrics', 'Activity log', 'TTCM Branded Content Details', 'Retrieve my post'])
      expect(html).toContain(s);
    expect(html).toContain('<summary');
    expect(html).toContain('href="https://www.tiktok.com/t/ZT8abc123/"');
    expect(html).toContain('K7Q2XW9M');
    expect(html).toContain('Spark Ads authorization: 30 days');
  });

  it('collapsedContent=absent leaves the TTCM body out of the HTML', async () => {
    await post('/__replica/config', { collapsedContent: 'absent' });
    const { campaignId, taskId } = ids.tiktokOnly;
    const html = (await get(urlsFor({ family: 'semantic', campaignId, taskId }).taskDetails!)).text;
    expect(html).toContain('TTCM Branded Content Details');
    expect(html).not.toContain('K7Q2XW9M');
  });

  it('a no-JS form post redirects back and shows the outcome once', async () => {
    await post('/__replica/config', { retrieve: { mode: 'notFound' } });
    const { campaignId, taskId } = ids.tiktokOnly;
    const back = urlsFor({ family: 'semantic', campaignId, taskId }).taskDetails!;
    const r = await request('POST', `/api/mediapartner/tasks/${taskId}/retrieve-post`, `returnTo=${encodeURIComponent(back)}`, 'application/x-www-form-urlencoded');
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe(back);
    const esc = (s: string) => s.replace(/'/g, '&#39;');
    expect((await get(back)).text).toContain(esc(messages.retrieveNotFound));
    expect((await get(back)).text).not.toContain(esc(messages.retrieveNotFound));
  });
});

describe('SPA families (uicl, hashed)', () => {
  for (const family of ['uicl', 'hashed'] as const) {
    it(`${family}: every page path serves the app shell with boot state`, async () => {
      const u = urlsFor({ family, campaignId: ids.tiktokOnly.campaignId, taskId: ids.tiktokOnly.taskId });
      for (const url of [u.home, u.findCampaigns, u.manageTasks]) {
        const r = await get(url.split('#')[0] ?? url);
        expect(r.status).toBe(200);
        expect(r.text).toContain(`/assets/replica/${family}.mjs`);
        expect(r.text).toContain('id="initial-state"');
        expect(r.text).toContain('Maya Creates');
      }
      const js = (await get(`/assets/replica/${family}.mjs`)).text;
      for (const s of ['Manage Tasks', 'View Task Details', 'TTCM Branded Content Details', 'Retrieve my post', 'Discover', 'Find Campaigns'])
        expect(js).toContain(s);
      expect((await get('/assets/replica/lib.mjs')).status).toBe(200);
      expect((await get('/assets/replica/icons.mjs')).status).toBe(200);
    });
  }

  it('the family query parameter overrides the configured family', async () => {
    await post('/__replica/config', { family: 'uicl' });
    expect((await get(paths.home)).text).toContain('/assets/replica/uicl.mjs');
    expect((await get(`${paths.home}?family=hashed`)).text).toContain('/assets/replica/hashed.mjs');
    expect((await get(`${paths.home}?family=semantic`)).text).toContain('Maya Creates (Acct 1234567)');
  });

  it('uicl uses UICL markers, hashed uses hashed class names', async () => {
    expect((await get(urlsFor({ family: 'uicl' }).home)).text).toContain('iui-card');
    expect((await get('/assets/replica/uicl.mjs')).text).toContain('uicl-modal-screen');
    const hashed = (await get(urlsFor({ family: 'hashed' }).home)).text;
    expect(hashed).toMatch(/\._[0-9a-f]{5}\{/);
    expect(hashed).not.toContain('data-testid');
    expect(Object.values(replica.hashedClasses).every((c) => /^_[0-9a-f]{5}$/.test(c))).toBe(true);
  });
});

describe('data API', () => {
  it('Participating tiles cover TikTok, Instagram, YouTube, all three and none', async () => {
    const tiles = (await get('/api/mediapartner/campaigns?tab=joined')).json().campaigns as { id: string; platforms: string[] }[];
    const byId = Object.fromEntries(tiles.map((t) => [t.id, t.platforms]));
    expect(byId[ids.tiktokOnly.campaignId]).toEqual(['tiktok']);
    expect(byId[ids.instagramOnly.campaignId]).toEqual(['instagram']);
    expect(byId[ids.youtubeOnly.campaignId]).toEqual(['youtube']);
    expect(byId[ids.allPlatforms.campaignId]).toEqual(['tiktok', 'instagram', 'youtube']);
    expect(byId[ids.noPlatforms.campaignId]).toEqual([]);
  });

  it('two TikTok tasks in one campaign have different links and codes', async () => {
    const [a, b] = await Promise.all(ids.twoTikTokTasks.taskIds.map(async (t) => (await get(`/api/mediapartner/tasks/${t}`)).json()));
    expect(a.ttcm.inviteLink).not.toBe(b.ttcm.inviteLink);
    expect(a.ttcm.campaignCode).not.toBe(b.ttcm.campaignCode);
  });

  it('tileCount generates a large page with about one TikTok tile in three', async () => {
    await post('/__replica/config', { tileCount: 300 });
    const tiles = (await get('/api/mediapartner/campaigns?tab=joined')).json().campaigns as { platforms: string[] }[];
    expect(tiles).toHaveLength(300);
    expect(tiles.filter((t) => t.platforms.includes('tiktok'))).toHaveLength(100);
    expect(generateLargeScenario(30).campaigns).toHaveLength(30);
    const gen = (await get('/api/mediapartner/campaigns/700000/tasks')).json();
    expect(gen.tasks[0].platform).toBe('tiktok');
  });
});

describe('Retrieve my post', () => {
  const { campaignId, taskId } = ids.tiktokOnly;

  it('success: the deliverable appears and the status becomes "… pending approval"; it survives reloads', async () => {
    const r = await retrieve(taskId);
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ outcome: 'success' });
    const t = (await get(`/api/mediapartner/tasks/${taskId}`)).json();
    expect(t.status).toBe('TikTok Video pending approval');
    expect(t.deliverable.postUrl).toBe(postUrlFor(taskId));
    expect(t.canRetrieve).toBe(false);
    const html = (await get(urlsFor({ family: 'semantic', campaignId, taskId }).taskDetails!)).text;
    expect(html).toContain('TikTok Video pending approval');
    expect(html).toContain(postUrlFor(taskId));
    expect(html).not.toContain('>Retrieve my post<');
  });

  it('notFoundTimes: 2 → notFound, notFound, then success; every request is logged', async () => {
    await post('/__replica/config', { retrieve: { notFoundTimes: 2 } });
    const a = await retrieve(taskId);
    expect(a.status).toBe(404);
    expect(a.json()).toEqual({ outcome: 'notFound', message: messages.retrieveNotFound });
    expect((await retrieve(taskId)).json().outcome).toBe('notFound');
    expect((await retrieve(taskId)).json().outcome).toBe('success');
    const log = (await get('/__replica/retrieves')).json();
    expect(log.map((e: any) => e.outcome)).toEqual(['notFound', 'notFound', 'success']);
    expect(log[0]).toMatchObject({ campaignId, taskId });
    expect(Date.parse(log[0].at)).not.toBeNaN();
  });

  it('error mode answers with an error message', async () => {
    await post('/__replica/config', { retrieve: { mode: 'error' } });
    const r = await retrieve(taskId);
    expect(r.status).toBe(500);
    expect(r.json()).toEqual({ outcome: 'error', message: messages.retrieveError });
    expect((await get(`/api/mediapartner/tasks/${taskId}`)).json().deliverable).toBeNull();
  });

  it('per-task rules override the default', async () => {
    const other = ids.allPlatforms.taskId;
    await post('/__replica/config', { retrieve: { mode: 'notFound', tasks: { [other]: { mode: 'success' } } } });
    expect((await retrieve(taskId)).json().outcome).toBe('notFound');
    expect((await retrieve(other)).json().outcome).toBe('success');
  });

  it('reset clears the log and server-side submissions', async () => {
    await retrieve(taskId);
    expect((await get('/__replica/retrieves')).json()).toHaveLength(1);
    await post('/__replica/reset');
    expect((await get('/__replica/retrieves')).json()).toEqual([]);
    expect((await get(`/api/mediapartner/tasks/${taskId}`)).json().status).toBe(findTask(taskId)!.task.status);
  });
});

describe('urlsFor', () => {
  it('gives each family its own URL style', () => {
    for (const f of FAMILIES) expect(urlsFor({ family: f }).home).toContain(paths.home);
    expect(urlsFor({ family: 'semantic', taskId: '1' }).taskDetails).toContain('taskId=1');
    expect(urlsFor({ family: 'uicl', campaignId: '9', taskId: '1' }).taskDetails).toMatch(/#\/joined\/campaigns\/9\/tasks\/1$/);
    expect(urlsFor({ family: 'hashed', taskId: '1' }).taskDetails).toBeNull();
  });
});
