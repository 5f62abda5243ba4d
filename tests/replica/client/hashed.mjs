// Family "hashed": hashed class names (new per server start), no data-testids, content that arrives
// late, navigation by history.pushState and hash changes (never a page load), the TTCM drop-down body
// rendered only while expanded, and periodic re-rendering that replaces whole subtrees with equal content.
import { h, api, boot, keepFamily, sleep, initials, statusTone, avatarColor, iconElement } from './lib.mjs';

const C = boot.classes;
const P = boot.paths;
const PLATFORM = { tiktok: 'TikTok', instagram: 'Instagram', youtube: 'YouTube' };
const tone = (s) => ({ ok: C.chipOk, warn: C.chipWarn, info: C.chipInfo, err: C.chipWarn, muted: C.chipMuted })[statusTone(s)];
const uid = Math.random().toString(36).slice(2, 7);

const S = {
  key: null, page: null, tab: null, campaignId: null,
  tiles: null, campaign: null,
  menuOpen: false,
  task: null, openTaskId: null, expanded: false, feedback: null, busy: false,
};
let gen = 0;

function navigate(url) {
  history.pushState({ replica: true }, '', keepFamily(url));
  route();
}
const linkTo = (url, props, ...kids) =>
  h('a', {
    href: keepFamily(url),
    ...props,
    onClick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(url);
    },
  }, ...kids);
const pressable = (props, label, onPress) =>
  h('span', {
    role: 'button', tabindex: '0', ...props,
    onClick: onPress,
    onKeydown: (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onPress();
      }
    },
  }, label);

// ------------------------------------------------------------------ header
const slot = { header: h('div'), main: h('div', { class: C.main }), panel: null, grid: null, list: null };
function buildHeader() {
  const acct = boot.account;
  const discoverBtn = h('button', {
    type: 'button', class: C.navBtn, 'aria-haspopup': 'menu', 'aria-expanded': String(S.menuOpen),
    onClick: (e) => {
      e.stopPropagation();
      S.menuOpen = !S.menuOpen;
      swapHeader();
      if (S.menuOpen) slot.header.querySelector('[role="menuitem"]')?.focus();
    },
  }, 'Discover', h('span', { 'aria-hidden': 'true' }, ' ▾'));
  const item = (label, url) =>
    h('div', {
      role: 'menuitem', tabindex: '-1', class: C.menuItem,
      onClick: () => {
        S.menuOpen = false;
        swapHeader();
        navigate(url);
      },
      onKeydown: (e) => {
        if (e.key === 'Enter') e.currentTarget.click();
      },
    }, label);
  return h('div', { class: C.topbar },
    linkTo(P.home, { class: C.logo }, h('span', { class: C.logoMark, 'aria-hidden': 'true' }, 'i'), 'impact.com'),
    h('div', { class: C.nav },
      h('div', { class: C.navItem }, linkTo(P.home, { class: C.navBtn }, 'Home')),
      h('div', { class: C.navItem }, discoverBtn,
        S.menuOpen
          ? h('div', { class: C.menu, role: 'menu' },
              item('Find Campaigns', `${P.marketplace}?execution=e1s1#/all`),
              item('Find Brands', `${P.marketplace}?execution=e1s1#/all`))
          : null),
      h('div', { class: C.navItem }, h('span', { class: C.navBtn }, 'Content')),
      h('div', { class: C.navItem }, h('span', { class: C.navBtn }, 'Reports')),
      h('div', { class: C.navItem }, h('span', { class: C.navBtn }, 'Payments'))),
    h('div', { class: C.account },
      h('span', { class: C.avatar, 'aria-hidden': 'true' }, initials(acct.name)),
      h('span', { style: 'color:#fff' }, acct.label)));
}
function swapHeader() {
  const n = buildHeader();
  slot.header.replaceWith(n);
  slot.header = n;
}
document.addEventListener('click', () => {
  if (S.menuOpen) {
    S.menuOpen = false;
    swapHeader();
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (S.menuOpen) {
    S.menuOpen = false;
    swapHeader();
  } else if (S.openTaskId) closePanel();
});

// ------------------------------------------------------------------ routing
function parse() {
  const seg = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (location.pathname === P.marketplace) {
    const tab = seg[0] === 'participating' ? 'joined' : boot.tabs.some((t) => t.key === seg[0]) ? seg[0] : 'all';
    return { page: 'find', tab };
  }
  if (location.pathname === P.tasksFlow) return { page: 'tasks', campaignId: new URLSearchParams(location.search).get('campaignId') };
  return { page: 'home' };
}

async function route() {
  const r = parse();
  const key = `${r.page}:${r.tab ?? ''}:${r.campaignId ?? ''}`;
  if (key === S.key) return;
  const my = ++gen;
  Object.assign(S, { key, page: r.page, tab: r.tab, campaignId: r.campaignId, tiles: null, campaign: null });
  closePanel();
  slot.grid = slot.list = null;
  setMain(h('div', { class: C.loading }, h('span', { class: C.spinner, 'aria-hidden': 'true' }), ' Loading…'));
  const wait = sleep(boot.renderDelayMs);
  if (r.page === 'home') {
    document.title = 'Home | impact.com';
    const [{ body }] = await Promise.all([api('/api/mediapartner/campaigns?tab=joined'), wait]);
    if (my !== gen) return;
    const stat = (v, l) => h('div', { class: C.card }, h('div', { class: C.statValue }, v), h('div', { class: C.statLabel }, l));
    setMain(
      h('div', { class: C.pageHead }, h('div', null, h('h1', { class: C.pageTitle }, `Welcome back, ${boot.account.name}`),
        h('p', { class: C.subtitle }, 'Here is what is happening across your partnerships.'))),
      h('div', { class: C.cards }, stat(String(body.campaigns.length), 'Active campaigns'), stat('$2,418.60', 'Pending earnings'),
        stat('4', 'New invitations'), stat('98%', 'On-time delivery')));
  } else if (r.page === 'find') {
    document.title = 'Find Campaigns | impact.com';
    const [{ body }] = await Promise.all([api(`/api/mediapartner/campaigns?tab=${r.tab}`), wait]);
    if (my !== gen) return;
    S.tiles = body.campaigns;
    slot.grid = buildGrid();
    setMain(
      h('div', { class: C.pageHead }, h('div', null, h('h1', { class: C.pageTitle }, 'Find Campaigns'),
        h('p', { class: C.subtitle }, 'Discover brands and manage the campaigns you are part of.'))),
      h('div', { class: C.tabs, role: 'tablist' },
        boot.tabs.map((t) => h('div', {
          role: 'tab', tabindex: t.key === r.tab ? '0' : '-1', 'aria-selected': String(t.key === r.tab),
          class: `${C.tab}${t.key === r.tab ? ' ' + C.tabActive : ''}`,
          onClick: () => (location.hash = `#/${t.key}`),
          onKeydown: (e) => {
            if (e.key === 'Enter' || e.key === ' ') location.hash = `#/${t.key}`;
          },
        }, t.label))),
      slot.grid);
  } else {
    document.title = 'My Campaign Tasks | impact.com';
    const [res] = await Promise.all([api(`/api/mediapartner/campaigns/${r.campaignId}/tasks`), wait]);
    if (my !== gen) return;
    if (!res.ok) return setMain(h('h1', { class: C.pageTitle }, 'My Campaign Tasks'), h('div', { class: C.empty }, 'This campaign could not be found.'));
    S.campaign = res.body;
    slot.list = buildList();
    setMain(
      linkTo(`${P.marketplace}?execution=e1s1#/joined`, { class: C.crumbs, style: 'text-decoration:none' }, '‹ Participating'),
      h('div', { class: C.pageHead }, h('div', null, h('h1', { class: C.pageTitle }, 'My Campaign Tasks'),
        h('p', { class: C.subtitle }, h('strong', null, S.campaign.name), ' · ', S.campaign.brand))),
      slot.list);
  }
}
function setMain(...kids) {
  slot.main.replaceChildren(...kids.flat());
}
window.addEventListener('popstate', route);
window.addEventListener('hashchange', route);

// ------------------------------------------------------------------ builders (always new nodes)
function platformSvg(p) {
  return iconElement(document, p, { title: PLATFORM[p], attrs: { role: 'img' } });
}
function buildGrid() {
  if (!S.tiles.length) return h('div', { class: C.empty }, 'No campaigns here yet.');
  return h('div', { class: C.grid }, S.tiles.map((t) =>
    h('div', { class: C.tile },
      h('div', { class: C.tileHead },
        h('div', { class: C.avatar, 'aria-hidden': 'true', style: `background:${avatarColor(t.brand)};border-radius:8px;width:40px;height:40px` }, initials(t.brand)),
        h('div', { style: 'min-width:0' }, h('div', { class: C.tileName, title: t.name }, t.name), h('div', { class: C.tileBrand }, t.brand))),
      h('div', { class: C.tileMeta }, t.joined ? `${t.endsLabel} · ${t.tasksLabel}` : 'Accepting partners'),
      h('div', { class: C.tileFoot },
        h('div', { class: C.tileActions },
          t.joined
            ? linkTo(`${P.tasksFlow}?execution=e2s1&campaignId=${t.id}#/tasks`, { class: `${C.btn} ${C.btnPrimary}` }, 'Manage Tasks')
            : h('span', { class: C.btn, role: 'button', tabindex: '0' }, t.action)),
        h('div', { class: C.platforms }, t.platforms.map((p) => h('span', { class: C.pIcon }, platformSvg(p))))))));
}
function buildList() {
  return h('div', { class: C.tasks },
    h('div', { class: C.taskHead }, h('div', null, 'Task'), h('div', null, 'Platform'), h('div', null, 'Status'), h('div', null, 'Due'), h('div')),
    S.campaign.tasks.map((t) => {
      const plat = h('div', { class: C.taskCell });
      if (t.platform) plat.append(iconElement(document, t.platform, { attrs: { 'aria-hidden': 'true', width: '18', height: '18' } }));
      plat.append(t.platformLabel);
      return h('div', { class: C.taskRow },
        h('div', { class: C.taskName }, t.name),
        plat,
        h('div', { class: C.taskCell }, h('span', { class: `${C.chip} ${tone(t.status)}` }, t.status)),
        h('div', { class: C.taskCell }, t.dueLabel),
        h('div', { class: C.taskActions }, pressable({ class: C.btn }, 'View Task Details', () => openPanel(t.id))));
    }));
}

// ------------------------------------------------------------------ slide-out (in-page state only)
async function openPanel(taskId) {
  Object.assign(S, { openTaskId: taskId, task: null, expanded: false, feedback: null, busy: false });
  swapPanel();
  const [res] = await Promise.all([api(`/api/mediapartner/tasks/${taskId}`), sleep(boot.renderDelayMs / 2)]);
  if (S.openTaskId !== taskId) return;
  S.task = res.ok ? res.body : null;
  swapPanel();
  slot.panel?.querySelector('button[aria-label="Close"]')?.focus();
}
function closePanel() {
  S.openTaskId = null;
  S.task = null;
  slot.panel?.remove();
  slot.panel = null;
}
function swapPanel() {
  const n = buildPanel();
  if (slot.panel) n.querySelector('[role="dialog"]').style.animation = 'none'; // no slide-in on re-render
  if (slot.panel) slot.panel.replaceWith(n);
  else document.body.append(n);
  slot.panel = n;
}

function kv(label, value) {
  return [h('div', { class: C.kvKey }, label), h('div', { class: C.kvVal }, value)];
}
function sectionEl(title, ...kids) {
  return h('div', { class: C.section }, h('div', { class: C.sectionTitle }, title), ...kids);
}

function buildPanel() {
  const titleId = `t${uid}`;
  const d = S.task;
  const dialog = h('div', { class: C.panel, role: 'dialog', 'aria-labelledby': titleId });
  const wrap = h('div', null, h('div', { class: C.overlay, onClick: closePanel }), dialog);
  if (!d) {
    dialog.append(h('div', { class: C.loading }, h('span', { class: C.spinner, 'aria-hidden': 'true' }), ' Loading…'));
    return wrap;
  }
  const body = h('div', { class: C.panelBody });
  body.append(sectionEl('Draft', d.draft ? h('div', null, d.draft.file, ' · ', d.draft.status) : h('div', { class: C.muted }, 'No draft uploaded.')));
  if (d.ttcm) {
    const toggle = () => {
      S.expanded = !S.expanded;
      swapPanel();
      slot.panel.querySelector('[aria-expanded]')?.focus();
    };
    const disc = h('div', { class: C.disclosure },
      h('div', {
        role: 'button', tabindex: '0', 'aria-expanded': String(S.expanded), class: C.disclosureBtn,
        onClick: toggle,
        onKeydown: (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            toggle();
          }
        },
      }, h('span', null, 'TTCM Branded Content Details'), h('span', { class: C.caret, 'aria-hidden': 'true' }, '▾')));
    if (S.expanded) {
      disc.append(h('div', { class: C.disclosureBody },
        h('div', { class: C.kv },
          ...kv('Invite link', d.ttcm.inviteLink ? h('span', { class: C.linkText }, d.ttcm.inviteLink) : h('span', { class: C.muted }, 'Not shared yet. Use the campaign code instead.')),
          ...kv('Campaign code', h('span', { class: C.code }, d.ttcm.campaignCode))),
        h('div', { class: C.sow }, h('div', { style: 'font-weight:600' }, 'Statement of Work (excerpt)'), h('div', null, d.ttcm.sow))));
    }
    body.append(disc);
  }
  const deliv = sectionEl('Deliverable');
  if (S.feedback) {
    const f = S.feedback;
    deliv.append(h('div', {
      class: `${C.alert} ${f.outcome === 'success' ? C.alertOk : f.outcome === 'notFound' ? C.alertWarn : C.alertError}`,
      role: f.outcome === 'success' ? 'status' : 'alert',
    }, f.message));
  }
  if (d.deliverable) {
    deliv.append(h('div', { class: C.deliverable },
      h('img', { class: C.thumb, src: d.deliverable.thumbUrl, alt: 'TikTok post preview' }),
      h('div', { style: 'min-width:0' }, h('div', { style: 'font-weight:600' }, 'TikTok post'),
        h('a', { href: d.deliverable.postUrl, target: '_blank', rel: 'noopener', style: 'word-break:break-all' }, d.deliverable.postUrl),
        h('div', { class: C.muted, style: 'font-size:12.5px' }, `Retrieved ${d.deliverable.atLabel}`))));
  } else if (d.isTikTok) {
    deliv.append(h('div', { class: C.muted, style: 'margin-bottom:8px' }, 'No post submitted yet. After you post on TikTok, retrieve your post to submit it.'));
    if (d.canRetrieve)
      deliv.append(h('button', { type: 'button', class: `${C.btn} ${C.btnPrimary}`, disabled: S.busy, onClick: retrieve },
        S.busy ? [h('span', { class: C.spinner, 'aria-hidden': 'true' }), ' Retrieving…'] : 'Retrieve my post'));
  } else {
    deliv.append(h('div', { class: C.muted }, 'No deliverable submitted yet.'));
  }
  body.append(deliv);
  const m = d.metrics ?? { views: '—', likes: '—', comments: '—', shares: '—' };
  body.append(sectionEl('Metrics', h('div', { class: C.kv }, ...kv('Views', m.views), ...kv('Likes', m.likes), ...kv('Comments', m.comments), ...kv('Shares', m.shares))));
  body.append(sectionEl('Activity log', h('div', { class: C.log },
    d.activity.map((a) => h('div', { class: C.logItem }, h('span', { class: C.logTime }, a.atLabel), h('span', null, a.text))))));
  dialog.append(
    h('div', { class: C.panelHead },
      h('div', { style: 'flex:1;min-width:0' },
        h('div', { class: C.muted, style: 'font-size:12px' }, `${d.campaignName} · ${d.brand}`),
        h('div', { class: C.panelTitle, id: titleId }, d.name),
        h('div', { style: 'margin-top:6px' }, h('span', { class: `${C.chip} ${tone(d.status)}` }, d.status),
          h('span', { class: C.muted, style: 'font-size:12.5px;margin-left:8px' }, `${d.platformLabel} · Due ${d.dueLabel}`))),
      h('button', { type: 'button', class: C.panelClose, 'aria-label': 'Close', onClick: closePanel }, '×')),
    body);
  return wrap;
}

async function retrieve() {
  const taskId = S.openTaskId;
  S.busy = true;
  S.feedback = null;
  swapPanel();
  const res = await api(`/api/mediapartner/tasks/${taskId}/retrieve-post`, { method: 'POST', body: '{}' });
  if (S.openTaskId !== taskId) return;
  S.busy = false;
  const outcome = res.body?.outcome ?? 'error';
  S.feedback = {
    outcome: outcome === 'success' ? 'success' : outcome === 'notFound' ? 'notFound' : 'error',
    message: res.body?.message ?? 'Something went wrong. Please try again.',
  };
  const t = outcome === 'success' && res.body.task ? res.body : await api(`/api/mediapartner/tasks/${taskId}`).then((x) => (x.ok ? { task: x.body } : null));
  if (t?.task) S.task = t.task;
  if (S.openTaskId !== taskId) return;
  swapPanel();
  if (outcome === 'success' && S.campaign) {
    const c = await api(`/api/mediapartner/campaigns/${S.campaign.id}/tasks`);
    if (c.ok && S.campaign && c.body.id === S.campaign.id) {
      S.campaign = c.body;
      swap('list', buildList);
    }
  }
}

// ------------------------------------------------------------------ periodic re-render (nodes replaced, content equal)
function pathOf(root, el) {
  const path = [];
  while (el && el !== root) {
    const parent = el.parentNode;
    if (!parent) return null;
    path.unshift([...parent.children].indexOf(el));
    el = parent;
  }
  return el === root ? path : null;
}
function atPath(root, path) {
  let el = root;
  for (const i of path) el = el?.children[i];
  return el;
}
function swap(name, build) {
  const old = slot[name];
  if (!old || !old.isConnected) return;
  const focusPath = old.contains(document.activeElement) ? pathOf(old, document.activeElement) : null;
  const scrollEls = [...old.querySelectorAll('*')].filter((e) => e.scrollTop > 0).map((e) => [pathOf(old, e), e.scrollTop]);
  const n = build();
  old.replaceWith(n);
  slot[name] = n;
  for (const [p, top] of scrollEls) {
    const e = atPath(n, p);
    if (e) e.scrollTop = top;
  }
  if (focusPath) atPath(n, focusPath)?.focus?.({ preventScroll: true });
}
if (boot.rerenderMs > 0) {
  setInterval(() => {
    if (S.page === 'find' && S.tiles) swap('grid', buildGrid);
    if (S.page === 'tasks' && S.campaign) swap('list', buildList);
    if (S.openTaskId && S.task)
      swap('panel', () => {
        const n = buildPanel();
        n.querySelector('[role="dialog"]').style.animation = 'none';
        return n;
      });
  }, boot.rerenderMs);
}

// ------------------------------------------------------------------ start
await sleep(Math.min(150, boot.renderDelayMs));
const root = h('div', { id: 'app' }, slot.header, slot.main);
document.getElementById('app').replaceWith(root);
swapHeader();
route();
