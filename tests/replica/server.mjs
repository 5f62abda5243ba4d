#!/usr/bin/env node
// Local HTTPS replica of the impact.com creator pages (three markup families).
// Plain Node ESM: node built-ins + `selfsigned` only. See README.md in this folder.
import https from 'node:https';
import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import { X509Certificate, createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import selfsigned from 'selfsigned';
import * as S from './scenario.mjs';
import { buildCss, semanticClasses, uiclClasses, makeHashedClasses } from './styles.mjs';
import { iconSvgString } from './client/icons.mjs';
import { renderSemanticPage } from './render-semantic.mjs';
import { viewUrl as fuzzViewUrl } from './fuzz/urls.mjs';
import { optionsFor as fuzzOptionsFor, describeSeed } from './fuzz/options.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CERT_DIR = resolve(HERE, '../../.tmp/replica-cert');
export const HOSTNAME = 'app.impact.com';
export const FAMILIES = ['semantic', 'uicl', 'hashed'];
/** Every family a page can ask for: the three hand-written ones and the seeded markup fuzzer (`?family=fuzz&seed=N`). */
export const PAGE_FAMILIES = [...FAMILIES, 'fuzz'];

export const paths = {
  home: '/secure/mediapartner/home/pview.ihtml',
  marketplace: '/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml',
  tasksFlow: '/secure/mediapartner/campaigns/tasks-flow.ihtml',
  switchAccount: '/secure/mediapartner/account/switch-account.ihtml',
  api: '/api/mediapartner',
  control: '/__replica',
};

export const DEFAULT_CONFIG = Object.freeze({
  family: 'semantic',
  retrieve: { mode: 'success', notFoundTimes: 0, delayMs: 250, tasks: {} },
  tileCount: 0,
  rerenderMs: 1500,
  collapsedContent: 'present',
  renderDelayMs: 500,
  accountId: S.defaultAccountId,
  fuzzSeed: 0, // family "fuzz": the seed of pages that do not say ?seed=
});

const clone = (x) => JSON.parse(JSON.stringify(x));
const isObj = (x) => x && typeof x === 'object' && !Array.isArray(x);
function deepMerge(target, src) {
  for (const [k, v] of Object.entries(src)) {
    if (isObj(v) && isObj(target[k])) deepMerge(target[k], v);
    else target[k] = clone(v);
  }
  return target;
}

function validateConfig(c) {
  const errs = [];
  if (!PAGE_FAMILIES.includes(c.family)) errs.push(`family must be one of ${PAGE_FAMILIES.join(', ')}`);
  if (!(Number.isInteger(c.fuzzSeed) && c.fuzzSeed >= 0)) errs.push('fuzzSeed must be an integer >= 0');
  const modes = ['success', 'notFound', 'error'];
  const checkRule = (r, where) => {
    if (!isObj(r)) return errs.push(`${where} must be an object`);
    if (r.mode != null && !modes.includes(r.mode)) errs.push(`${where}.mode must be one of ${modes.join(', ')}`);
    if (r.notFoundTimes != null && !(Number.isInteger(r.notFoundTimes) && r.notFoundTimes >= 0))
      errs.push(`${where}.notFoundTimes must be an integer >= 0`);
  };
  checkRule(c.retrieve, 'retrieve');
  if (!isObj(c.retrieve?.tasks)) errs.push('retrieve.tasks must be an object keyed by taskId');
  else for (const [k, r] of Object.entries(c.retrieve.tasks)) checkRule(r, `retrieve.tasks.${k}`);
  for (const k of ['tileCount', 'rerenderMs', 'renderDelayMs']) if (!(Number.isInteger(c[k]) && c[k] >= 0)) errs.push(`${k} must be an integer >= 0`);
  if (!['present', 'absent'].includes(c.collapsedContent)) errs.push('collapsedContent must be present or absent');
  if (!S.accounts.some((a) => a.id === String(c.accountId))) errs.push('accountId is not a scenario account');
  return errs;
}

/**
 * Page URLs for one family (the family's own URL style, with ?family= so it overrides the config).
 * family "fuzz": the seed's URL style (query / path / short route / opaque), with ?family=fuzz&seed=N.
 */
export function urlsFor({ family = 'semantic', campaignId = S.ids.tiktokOnly.campaignId, taskId, forceFamily = true, seed = 0 } = {}) {
  if (family === 'fuzz') {
    const o = fuzzOptionsFor(Number(seed));
    const replica = forceFamily ? { seed: Number(seed) } : null;
    return {
      home: paths.home + (forceFamily ? `?family=fuzz&seed=${Number(seed)}` : ''),
      findCampaigns: fuzzViewUrl({ kind: 'participating', tab: 'joined' }, o, { replica }),
      manageTasks: fuzzViewUrl({ kind: 'tasks', campaignId }, o, { replica }),
      taskDetails: taskId ? fuzzViewUrl({ kind: 'details', campaignId, taskId }, o, { replica }) : null,
      describe: describeSeed(Number(seed)),
    };
  }
  const f = forceFamily ? `&family=${family}` : '';
  const fq = forceFamily ? `?family=${family}` : '';
  const home = paths.home + fq;
  if (family === 'semantic') {
    const tasks = `${paths.tasksFlow}?execution=e2s1&campaignId=${campaignId}${f}`;
    return {
      home,
      findCampaigns: `${paths.marketplace}?execution=e1s1&tab=joined${f}`,
      manageTasks: tasks,
      taskDetails: taskId ? `${paths.tasksFlow}?execution=e2s1&campaignId=${campaignId}&taskId=${taskId}${f}` : null,
    };
  }
  if (family === 'uicl') {
    const base = `${paths.marketplace}?execution=e1s1${f}`;
    return {
      home,
      findCampaigns: `${base}#/joined`,
      manageTasks: `${base}#/joined/campaigns/${campaignId}/tasks`,
      taskDetails: taskId ? `${base}#/joined/campaigns/${campaignId}/tasks/${taskId}` : null,
    };
  }
  return {
    home,
    findCampaigns: `${paths.marketplace}?execution=e1s1${f}#/joined`,
    manageTasks: `${paths.tasksFlow}?execution=e2s1&campaignId=${campaignId}${f}#/tasks`,
    taskDetails: null, // hashed: the slide-out is in-page state only
  };
}

// ---------------------------------------------------------------- certificate
export async function loadCert(dir = CERT_DIR) {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  try {
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    const x = new X509Certificate(cert);
    if (new Date(x.validTo).getTime() > Date.now() + 7 * 864e5 && String(x.subjectAltName).includes(HOSTNAME)) return { key, cert };
  } catch {
    /* generate below */
  }
  const notBefore = new Date(Date.now() - 864e5);
  const notAfter = new Date(notBefore.getTime() + 2 * 365 * 864e5);
  const pems = await selfsigned.generate(
    [
      { name: 'commonName', value: HOSTNAME },
      { name: 'organizationName', value: 'impact.com replica (tests only)' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: HOSTNAME },
            { type: 2, value: '*.impact.com' },
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    },
  );
  try {
    await mkdir(dir, { recursive: true });
    const tag = `${process.pid}-${Date.now()}`;
    await writeFile(join(dir, `key.pem.${tag}`), pems.private, { mode: 0o600 });
    await writeFile(join(dir, `cert.pem.${tag}`), pems.cert);
    await rename(join(dir, `key.pem.${tag}`), keyFile);
    await rename(join(dir, `cert.pem.${tag}`), certFile);
  } catch {
    /* cache is an optimisation only */
  }
  return { key: pems.private, cert: pems.cert };
}

/**
 * base64 SHA-256 of the certificate's public key, for Chromium's
 * --ignore-certificate-errors-spki-list: trust this replica's certificate and nothing else.
 */
export function spkiHash(certPem) {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

// ---------------------------------------------------------------- server
export async function startReplica({ port = 0, host = '127.0.0.1', config: initial } = {}) {
  const { key, cert } = await loadCert();
  const hashedClasses = makeHashedClasses();
  const classes = { semantic: semanticClasses, uicl: uiclClasses, hashed: hashedClasses };
  const css = Object.fromEntries(FAMILIES.map((f) => [f, buildCss(classes[f])]));

  let config;
  let state;
  const largeCache = new Map();

  function freshState() {
    const submitted = new Map();
    for (const c of S.campaigns)
      for (const t of c.tasks) if (t.initialSubmission) submitted.set(t.id, { ...t.initialSubmission, initial: true });
    return { retrieves: [], notFound: new Map(), submitted, status: new Map(), activity: new Map(), flash: new Map() };
  }
  function reset() {
    config = clone(DEFAULT_CONFIG);
    state = freshState();
  }
  function setConfig(partial) {
    const next = deepMerge(clone(config), partial ?? {});
    if (next.accountId != null) next.accountId = String(next.accountId);
    const errs = validateConfig(next);
    if (errs.length) {
      const e = new Error(errs.join('; '));
      e.status = 400;
      throw e;
    }
    config = next;
    return config;
  }
  reset();
  if (initial) setConfig(initial);

  // ---- data
  const account = () => S.accounts.find((a) => a.id === config.accountId) ?? S.accounts[0];
  function large(n) {
    const k = `${n}:${config.accountId}`;
    if (!largeCache.has(k)) largeCache.set(k, S.generateLargeScenario(n, config.accountId).campaigns);
    return largeCache.get(k);
  }
  const participating = () => (config.tileCount > 0 ? large(config.tileCount) : S.campaignsForAccount(config.accountId));
  function findCampaign(id) {
    id = String(id);
    const c = S.findCampaign(id);
    if (c) return c;
    if (/^7\d{5}$/.test(id)) {
      const i = Number(id) - 700000;
      return large(Math.max(config.tileCount, i + 1))[i] ?? null;
    }
    return null;
  }
  function findTask(taskId) {
    taskId = String(taskId);
    const hit = S.findTask(taskId);
    if (hit) return hit;
    if (/^7\d{6}$/.test(taskId)) {
      const c = findCampaign(String(700000 + Math.floor((Number(taskId) - 7000000) / 10)));
      const t = c?.tasks.find((x) => x.id === taskId);
      if (t) return { campaign: c, task: t };
    }
    return null;
  }
  const statusOf = (t) => state.status.get(t.id) ?? t.status;
  function tileVM(c) {
    const done = c.tasks.filter((t) => /approved|completed/i.test(statusOf(t))).length;
    return {
      id: c.id,
      name: c.name,
      brand: c.brand,
      platforms: c.platforms,
      platformLabels: c.platforms.map((p) => S.platformLabels[p]),
      endsLabel: `Ends ${S.formatDate(c.endDate)}`,
      tasksLabel: `${done} of ${c.tasks.length} task${c.tasks.length === 1 ? '' : 's'} complete`,
      joined: true,
    };
  }
  const otherTileVM = (c) => ({ ...c, platformLabels: c.platforms.map((p) => S.platformLabels[p]), joined: false });
  function tabTiles(tab) {
    if (tab === 'joined') return participating().map(tileVM);
    return (S.otherTabs[tab] ?? []).map(otherTileVM);
  }
  function taskRowVM(c, t) {
    return {
      id: t.id,
      campaignId: c.id,
      name: t.name,
      platform: t.platform,
      platformLabel: t.platform ? S.platformLabels[t.platform] : '—',
      status: statusOf(t),
      dueDate: t.dueDate,
      dueLabel: S.formatDate(t.dueDate),
    };
  }
  function taskDetailVM(c, t) {
    const sub = state.submitted.get(t.id);
    const status = statusOf(t);
    const activity = [...t.activity, ...(state.activity.get(t.id) ?? [])]
      .map((a) => ({ ...a, atLabel: S.formatDateTime(a.at) }))
      .reverse();
    return {
      ...taskRowVM(c, t),
      campaignName: c.name,
      brand: c.brand,
      brief: t.brief,
      draft: t.draft,
      isTikTok: t.platform === 'tiktok',
      canRetrieve: t.platform === 'tiktok' && !sub && !/approved|completed/i.test(status),
      deliverable: sub
        ? { postUrl: sub.postUrl, at: sub.at, atLabel: S.formatDateTime(sub.at), thumbUrl: `/assets/replica/thumbs/${t.id}.svg` }
        : null,
      metrics: sub ? { views: sub.initial ? '12.4K' : '—', likes: sub.initial ? '1,032' : '—', comments: sub.initial ? '87' : '—', shares: sub.initial ? '41' : '—' } : null,
      ttcm: t.ttcm ? { ...t.ttcm } : null,
      activity,
    };
  }
  const data = {
    account,
    accounts: () => S.accounts,
    tabTiles,
    findCampaign,
    taskRows: (c) => c.tasks.map((t) => taskRowVM(c, t)),
    taskDetail: (taskId) => {
      const hit = findTask(taskId);
      return hit ? taskDetailVM(hit.campaign, hit.task) : null;
    },
    campaignVM: (c) => ({ ...tileVM(c), tasks: c.tasks.map((t) => taskRowVM(c, t)) }),
    takeFlash: (taskId) => {
      const f = state.flash.get(String(taskId));
      state.flash.delete(String(taskId));
      return f ?? null;
    },
  };

  // ---- retrieve
  function decideOutcome(taskId) {
    const base = { mode: config.retrieve.mode, notFoundTimes: config.retrieve.notFoundTimes };
    const rule = { ...base, ...(config.retrieve.tasks?.[taskId] ?? {}) };
    if (rule.mode === 'error') return 'error';
    if (rule.notFoundTimes > 0) {
      const n = state.notFound.get(taskId) ?? 0;
      if (n < rule.notFoundTimes) return 'notFound';
      return 'success';
    }
    return rule.mode === 'notFound' ? 'notFound' : 'success';
  }
  async function retrieve(taskId) {
    const at = new Date().toISOString();
    const hit = findTask(taskId);
    if (!hit) {
      state.retrieves.push({ campaignId: null, taskId, at, outcome: 'unknownTask' });
      return { status: 404, body: { outcome: 'unknownTask', message: 'Task not found.' } };
    }
    const { campaign, task } = hit;
    const entry = { campaignId: campaign.id, taskId, at, outcome: null };
    state.retrieves.push(entry);
    if (config.retrieve.delayMs) await new Promise((r) => setTimeout(r, config.retrieve.delayMs));
    if (task.platform !== 'tiktok') {
      entry.outcome = 'notApplicable';
      return { status: 400, body: { outcome: 'notApplicable', message: 'This task has no TikTok deliverable.' } };
    }
    const addLog = (text) => {
      const list = state.activity.get(taskId) ?? [];
      list.push({ at, text });
      state.activity.set(taskId, list);
    };
    if (state.submitted.has(taskId)) {
      entry.outcome = 'success';
      entry.alreadySubmitted = true;
      return { status: 200, body: { outcome: 'success', alreadySubmitted: true, message: S.messages.retrieveSuccess, task: taskDetailVM(campaign, task) } };
    }
    const outcome = decideOutcome(taskId);
    entry.outcome = outcome;
    if (outcome === 'notFound') {
      state.notFound.set(taskId, (state.notFound.get(taskId) ?? 0) + 1);
      addLog('Retrieve my post: TikTok post not found yet');
      return { status: 404, body: { outcome, message: S.messages.retrieveNotFound } };
    }
    if (outcome === 'error') {
      addLog('Retrieve my post failed');
      return { status: 500, body: { outcome, message: S.messages.retrieveError } };
    }
    state.submitted.set(taskId, { at, postUrl: S.postUrlFor(taskId, account().handle) });
    state.status.set(taskId, S.statusWords.pendingApproval(task.name));
    addLog('TikTok post retrieved and submitted');
    return { status: 200, body: { outcome, message: S.messages.retrieveSuccess, task: taskDetailVM(campaign, task) } };
  }

  // ---- pages
  function spaShell(family, title) {
    const bootJson = JSON.stringify({
      family,
      classes: classes[family],
      rerenderMs: config.rerenderMs,
      renderDelayMs: config.renderDelayMs,
      collapsedContent: config.collapsedContent,
      account: account(),
      accounts: S.accounts,
      paths,
      tabs: S.tabs,
    }).replace(/</g, '\\u003c');
    const appAttrs = family === 'uicl' ? ' data-v-app=""' : '';
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} | impact.com</title><link rel="icon" href="/favicon.svg">
<style>${css[family]}</style></head>
<body><div id="app"${appAttrs}><div class="${escapeHtml(classes[family].loading)}">Loading…</div></div>
<script type="application/json" id="initial-state">${bootJson}</script>
<script type="module" src="/assets/replica/${family}.mjs"></script>
</body></html>`;
  }

  function pageFamily(url) {
    const f = url.searchParams.get('family');
    return PAGE_FAMILIES.includes(f) ? f : config.family;
  }

  // The fuzz family: one shell for every creator path; the browser client renders the view its URL names.
  function fuzzShell(url) {
    const seedParam = url.searchParams.get('seed');
    const seed = seedParam != null && /^\d+$/.test(seedParam) ? Number(seedParam) : config.fuzzSeed;
    const frame = url.searchParams.get('frame') === 'details';
    const bootJson = JSON.stringify({ family: 'fuzz', seed, accountId: config.accountId, frame }).replace(/</g, '\\u003c');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>impact.com</title><link rel="icon" href="/favicon.svg"></head>
<body style="margin:0">
<script type="application/json" id="initial-state">${bootJson}</script>
<script type="module" src="/assets/replica/client/fuzz.mjs"></script>
</body></html>`;
  }

  async function handle(req, res) {
    const url = new URL(req.url, `https://${HOSTNAME}`);
    const p = url.pathname;
    res.setHeader('Cache-Control', 'no-store');
    if (p.startsWith(paths.control + '/')) return control(req, res, url);
    if (p.startsWith(paths.api + '/')) return apiRoute(req, res, url);
    if (p.startsWith('/assets/replica/')) return asset(res, p);
    if (p === '/favicon.svg' || p === '/favicon.ico')
      return send(res, 200, 'image/svg+xml', `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="4" fill="#f0553a"/><text x="8" y="12" font-size="11" text-anchor="middle" fill="#fff" font-family="Arial" font-weight="700">i</text></svg>`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method not allowed' });
    if (p === '/' || p === '/secure/mediapartner' || p === '/secure/mediapartner/') return redirect(res, paths.home + url.search);
    if (p === paths.switchAccount) {
      const id = url.searchParams.get('accountId');
      if (S.accounts.some((a) => a.id === id)) config.accountId = id;
      const fam = url.searchParams.get('family');
      return redirect(res, paths.home + (fam ? `?family=${encodeURIComponent(fam)}` : ''));
    }
    if (pageFamily(url) === 'fuzz' && p.startsWith('/secure/mediapartner/')) return send(res, 200, 'text/html; charset=utf-8', fuzzShell(url));
    const pageOf = { [paths.home]: 'home', [paths.marketplace]: 'find', [paths.tasksFlow]: 'tasks' }[p];
    if (!pageOf) return send(res, 404, 'text/html; charset=utf-8', notFoundPage());
    const family = pageFamily(url);
    const title = { home: 'Home', find: 'Find Campaigns', tasks: 'My Campaign Tasks' }[pageOf];
    if (family === 'semantic') {
      const out = renderSemanticPage(pageOf, { url, config, data, classes: semanticClasses, css: css.semantic, paths });
      return send(res, out.status ?? 200, 'text/html; charset=utf-8', out.html);
    }
    return send(res, 200, 'text/html; charset=utf-8', spaShell(family, title));
  }

  async function apiRoute(req, res, url) {
    const rest = url.pathname.slice(paths.api.length);
    let m;
    if (req.method === 'GET' && rest === '/account') return sendJson(res, 200, { current: account(), accounts: S.accounts });
    if (req.method === 'GET' && rest === '/campaigns') {
      const tab = url.searchParams.get('tab') ?? 'joined';
      return sendJson(res, 200, { tab, campaigns: tabTiles(tab) });
    }
    if (req.method === 'GET' && (m = rest.match(/^\/campaigns\/(\d+)(\/tasks)?$/))) {
      const c = findCampaign(m[1]);
      if (!c) return sendJson(res, 404, { error: 'Campaign not found' });
      return sendJson(res, 200, data.campaignVM(c));
    }
    if (req.method === 'GET' && (m = rest.match(/^\/tasks\/(\d+)$/))) {
      const t = data.taskDetail(m[1]);
      return t ? sendJson(res, 200, t) : sendJson(res, 404, { error: 'Task not found' });
    }
    if (req.method === 'POST' && (m = rest.match(/^\/tasks\/(\d+)\/retrieve-post$/))) {
      const ctype = String(req.headers['content-type'] ?? '');
      const raw = await readBody(req);
      const out = await retrieve(m[1]);
      if (ctype.startsWith('application/x-www-form-urlencoded')) {
        // no-JS form post (semantic family): post/redirect/get with a one-shot flash
        const returnTo = new URLSearchParams(raw).get('returnTo') ?? '';
        state.flash.set(m[1], { outcome: out.body.outcome, message: out.body.message });
        return redirect(res, returnTo.startsWith('/secure/') ? returnTo : paths.home, 303);
      }
      return sendJson(res, out.status, out.body);
    }
    return sendJson(res, 404, { error: 'Not found' });
  }

  async function control(req, res, url) {
    const r = url.pathname.slice(paths.control.length);
    try {
      if (r === '/config' && req.method === 'GET') return sendJson(res, 200, config);
      if (r === '/config' && req.method === 'POST') {
        const raw = await readBody(req);
        let body;
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          return sendJson(res, 400, { error: 'Body must be JSON' });
        }
        return sendJson(res, 200, setConfig(body));
      }
      if (r === '/reset' && req.method === 'POST') {
        reset();
        return sendJson(res, 200, config);
      }
      if (r === '/retrieves' && req.method === 'GET') return sendJson(res, 200, state.retrieves);
      if (r === '/state' && req.method === 'GET')
        return sendJson(res, 200, {
          submitted: Object.fromEntries(state.submitted),
          status: Object.fromEntries(state.status),
          notFoundCounts: Object.fromEntries(state.notFound),
        });
      if (r === '/urls' && req.method === 'GET')
        return sendJson(
          res,
          200,
          urlsFor({
            family: url.searchParams.get('family') ?? config.family,
            campaignId: url.searchParams.get('campaignId') ?? undefined,
            taskId: url.searchParams.get('taskId') ?? undefined,
            seed: Number(url.searchParams.get('seed') ?? config.fuzzSeed),
          }),
        );
      if (r === '/health') return sendJson(res, 200, { ok: true });
    } catch (e) {
      return sendJson(res, e.status ?? 500, { error: String(e.message ?? e) });
    }
    return sendJson(res, 404, { error: 'Unknown control endpoint' });
  }

  async function asset(res, p) {
    let m;
    if ((m = p.match(/^\/assets\/replica\/(?:client\/)?(lib|icons|uicl|hashed|semantic|fuzz)\.mjs$/))) {
      const body = await readFile(join(HERE, 'client', `${m[1]}.mjs`), 'utf8');
      return send(res, 200, 'text/javascript; charset=utf-8', body);
    }
    // the fuzzer's modules (plain ESM, the same files jsdom tests import) and the scenario they read
    if ((m = p.match(/^\/assets\/replica\/fuzz\/(rng|words|data|options|urls|dom|generate)\.mjs$/))) {
      const body = await readFile(join(HERE, 'fuzz', `${m[1]}.mjs`), 'utf8');
      return send(res, 200, 'text/javascript; charset=utf-8', body);
    }
    if (p === '/assets/replica/scenario.mjs') return send(res, 200, 'text/javascript; charset=utf-8', await readFile(join(HERE, 'scenario.mjs'), 'utf8'));
    if ((m = p.match(/^\/assets\/replica\/icons\/(tiktok|instagram|youtube)\.svg$/))) return send(res, 200, 'image/svg+xml', iconSvgString(m[1]));
    if ((m = p.match(/^\/assets\/replica\/thumbs\/(\d+)\.svg$/))) return send(res, 200, 'image/svg+xml', thumbSvg(m[1]));
    return send(res, 404, 'text/plain', 'Not found');
  }

  const server = https.createServer({ key, cert }, (req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(e?.stack ?? e) });
      else res.end();
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actualPort = server.address().port;
  const originHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    port: actualPort,
    origin: `https://${originHost}:${actualPort}`,
    /** The address a browser uses when app.impact.com is mapped to this server. */
    siteOrigin: actualPort === 443 ? `https://${HOSTNAME}` : `https://${HOSTNAME}:${actualPort}`,
    /** Chromium flag mapping app.impact.com:443 to this server. */
    hostResolverRule: `MAP ${HOSTNAME}:443 127.0.0.1:${actualPort}`,
    certSpki: spkiHash(cert),
    get config() {
      return config;
    },
    setConfig,
    reset,
    get retrieves() {
      return state.retrieves;
    },
    hashedClasses,
    urlsFor,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}

// ---------------------------------------------------------------- helpers
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
}
function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}
function sendJson(res, status, body) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
function redirect(res, to, status = 302) {
  res.writeHead(status, { Location: to });
  res.end();
}
function readBody(req, limit = 1 << 20) {
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) {
        fail(Object.assign(new Error('Body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
function thumbSvg(taskId) {
  const hue = Number(taskId) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 160" width="90" height="160"><defs><linearGradient id="b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},70%,30%)"/></linearGradient></defs><rect width="90" height="160" fill="url(#b)"/><circle cx="45" cy="80" r="16" fill="rgba(0,0,0,.35)"/><path d="M40 71l14 9-14 9z" fill="#fff"/></svg>`;
}
function notFoundPage() {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found | impact.com</title></head><body style="font-family:sans-serif;padding:40px"><h1>Page not found</h1><p>The page you requested does not exist.</p><p><a href="${paths.home}">Go to Home</a></p></body></html>`;
}

// ---------------------------------------------------------------- CLI
const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    if (i >= 0 && args[i + 1]) return args[i + 1];
    const eq = args.find((a) => a.startsWith(`--${name}=`));
    return eq ? eq.split('=')[1] : dflt;
  };
  if (args.includes('--help') || args.includes('-h')) {
    console.log('Usage: node tests/replica/server.mjs [--port 8443] [--host 127.0.0.1] [--family semantic|uicl|hashed|fuzz] [--seed N]');
    process.exit(0);
  }
  const family = opt('family', 'semantic');
  const seed = Number(opt('seed', 0));
  const replica = await startReplica({ port: Number(opt('port', 8443)), host: opt('host', '127.0.0.1'), config: { family, ...(family === 'fuzz' ? { fuzzSeed: seed } : {}) } });
  console.log(`impact.com replica (${family}${family === 'fuzz' ? ` seed ${seed}` : ''}) listening on ${replica.origin}`);
  console.log(`  home:    ${replica.origin}${family === 'fuzz' ? urlsFor({ family, seed }).home : paths.home}`);
  if (family === 'fuzz') console.log(`  markup:  ${describeSeed(seed)}`);
  console.log(`  control: ${replica.origin}${paths.control}/config`);
  console.log(`  Chromium: --host-resolver-rules="${replica.hostResolverRule}" --ignore-certificate-errors-spki-list=${replica.certSpki}, then open https://${HOSTNAME}${paths.home}`);
  const stop = async () => {
    await replica.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
