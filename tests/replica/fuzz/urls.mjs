// URLs of the fuzzed pages. A seed's urlStyle decides where ids go:
//   query  tasks-flow.ihtml?execution=e3s1&campaignId=41207(&taskId=880101)
//   path   /secure/mediapartner/campaigns/41207/tasks(/880101)
//   hash   mp-manage-active-ios-flow.ihtml?execution=e3s1#/c/41207(/t/880101)   (short route)
//   none   mp-manage-active-ios-flow.ihtml?execution=e3s1&view=<opaque, no digits>
// `execution` changes from visit to visit (anatomy doc): never part of an identity.
// In the replica the query also carries family=fuzz&seed=N (and frame=details inside an iframe modal).
export const SITE_ORIGIN = 'https://app.impact.com';
export const fuzzPaths = {
  home: '/secure/mediapartner/home/pview.ihtml',
  marketplace: '/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml',
  tasksFlow: '/secure/mediapartner/campaigns/tasks-flow.ihtml',
  manageFlow: '/secure/mediapartner/campaigns/mp-manage-active-ios-flow.ihtml',
  campaigns: '/secure/mediapartner/campaigns',
};

const NIB = 'abcdefghijklmnop';
/** Opaque view token: letters only, so no id can be read from it. */
export function encodeView(view) {
  const s = JSON.stringify([view.kind, view.campaignId ?? '', view.taskId ?? '']);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const b = (s.charCodeAt(i) ^ ((i * 17 + 5) & 0x7f)) & 0xff;
    out += NIB[b >> 4] + NIB[b & 15];
  }
  return out;
}
export function decodeView(token) {
  try {
    let s = '';
    for (let i = 0; i < token.length / 2; i++) {
      const b = (NIB.indexOf(token[2 * i]) << 4) | NIB.indexOf(token[2 * i + 1]);
      s += String.fromCharCode((b ^ ((i * 17 + 5) & 0x7f)) & 0xff);
    }
    const [kind, campaignId, taskId] = JSON.parse(s);
    return { kind, campaignId: campaignId || null, taskId: taskId || null };
  } catch {
    return null;
  }
}

/** Next visit's execution key: e3s1 → e4s1. */
export function nextExecution(ex) {
  const m = /^e(\d+)s(\d+)$/.exec(ex ?? '');
  return m ? `e${Number(m[1]) + 1}s1` : 'e1s1';
}

/**
 * Path + query + hash of a view in a seed's URL style.
 * @param {{kind: string, campaignId?: string|null, taskId?: string|null, tab?: string}} view
 * @param {{urlStyle: string, execution: string, seed: number}} o
 * @param {{replica?: {seed: number, lang?: string, extra?: Record<string,string>} | null, frame?: boolean, execution?: string}} [more]
 */
export function viewUrl(view, o, more = {}) {
  const ex = more.execution ?? o.execution;
  const q = new URLSearchParams();
  let path;
  let hash = '';
  const c = view.campaignId;
  const t = view.taskId;
  if (view.kind === 'home') path = fuzzPaths.home;
  else if (view.kind === 'participating') {
    path = fuzzPaths.marketplace;
    q.set('execution', ex);
    hash = `#/${view.tab ?? 'joined'}`;
  } else if (o.urlStyle === 'query') {
    path = fuzzPaths.tasksFlow;
    q.set('execution', ex);
    q.set('campaignId', c);
    if (view.kind === 'details') q.set('taskId', t);
  } else if (o.urlStyle === 'path') {
    path = `${fuzzPaths.campaigns}/${c}/tasks${view.kind === 'details' ? `/${t}` : ''}`;
  } else if (o.urlStyle === 'hash') {
    path = fuzzPaths.manageFlow;
    q.set('execution', ex);
    hash = `#/c/${c}${view.kind === 'details' ? `/t/${t}` : ''}`;
  } else {
    path = fuzzPaths.manageFlow;
    q.set('execution', ex);
    q.set('view', encodeView(view));
  }
  if (more.replica) {
    q.set('family', 'fuzz');
    q.set('seed', String(more.replica.seed));
    if (more.replica.lang) q.set('lang', more.replica.lang);
    for (const [k, v] of Object.entries(more.replica.extra ?? {})) q.set(k, v);
  }
  if (more.frame) q.set('frame', 'details');
  const qs = q.toString();
  return path + (qs ? `?${qs}` : '') + hash;
}

/**
 * The view a location shows, whatever the URL style (the browser client and the server use it).
 * @param {string | URL | Location} href
 * `tiles` (?tiles=N, benchmarks): how many generated campaigns the pages show instead of the scenario's.
 * @returns {{kind: 'home'|'participating'|'tasks'|'details', campaignId: string|null, taskId: string|null, tab: string|null, frame: boolean, seed: number|null, lang: string|null, tiles: number|null}}
 */
export function parseFuzzLocation(href) {
  const u = new URL(String(href), SITE_ORIGIN);
  const sp = u.searchParams;
  const seedRaw = sp.get('seed');
  const seed = seedRaw != null && /^\d+$/.test(seedRaw) ? Number(seedRaw) : null;
  const tilesRaw = sp.get('tiles');
  const tiles = tilesRaw != null && /^[1-9]\d{0,5}$/.test(tilesRaw) ? Number(tilesRaw) : null;
  const base = { campaignId: null, taskId: null, tab: null, frame: sp.get('frame') === 'details', seed, lang: sp.get('lang'), tiles };
  const token = sp.get('view');
  if (token) {
    const v = decodeView(token);
    if (v) return { ...base, ...v, kind: v.kind };
  }
  const c = sp.get('campaignId');
  if (c) return { ...base, kind: sp.get('taskId') ? 'details' : 'tasks', campaignId: c, taskId: sp.get('taskId') };
  let m = u.pathname.match(/\/campaigns\/(\d+)\/tasks(?:\/(\d+))?\/?$/);
  if (m) return { ...base, kind: m[2] ? 'details' : 'tasks', campaignId: m[1], taskId: m[2] ?? null };
  m = u.hash.match(/^#\/c\/(\d+)(?:\/t\/(\d+))?/);
  if (m) return { ...base, kind: m[2] ? 'details' : 'tasks', campaignId: m[1], taskId: m[2] ?? null };
  if (u.pathname === fuzzPaths.marketplace) {
    const tab = u.hash.replace(/^#\/?/, '').split('/')[0] || 'joined';
    return { ...base, kind: 'participating', tab: ['all', 'invitations', 'applied', 'joined'].includes(tab) ? tab : 'joined' };
  }
  return { ...base, kind: 'home' };
}
