// Family "uicl": Vue-2.7/UICL-style single-page app on an .ihtml page, routed by location.hash.
// data-testid wrappers, iui-* classes, hover-revealed actions, late rendering, and some parts
// inside open shadow roots (platform-icon strip, invite-link copy field).
import { h, api, boot, keepFamily, sleep, initials, statusTone, avatarColor, iconElement } from './lib.mjs';

const C = boot.classes;
const P = boot.paths;
const V = 'data-v-3b1f6e2a'; // scoped-style marker, as Vue SFCs emit
const delay = () => sleep(boot.renderDelayMs);
const PLATFORM = { tiktok: 'TikTok', instagram: 'Instagram', youtube: 'YouTube' };
const tone = (s) => ({ ok: C.chipOk, warn: C.chipWarn, info: C.chipInfo, err: C.chipWarn, muted: C.chipMuted })[statusTone(s)];

// ------------------------------------------------------------------ custom elements (open shadow)
class IuiPlatformIcons extends HTMLElement {
  set platforms(list) {
    this._platforms = list;
    this.render();
  }
  connectedCallback() {
    this.render();
  }
  render() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const list = this._platforms ?? (this.getAttribute('platforms') || '').split(',').filter(Boolean);
    root.replaceChildren(
      h('style', null, ':host{display:inline-flex;margin-left:auto}.iui-social-icons{display:flex;gap:6px;align-items:center}.iui-social-icon{width:22px;height:22px;display:inline-flex}svg{width:22px;height:22px}'),
      h('div', { class: 'iui-social-icons', 'data-testid': 'uicl-social-icons' },
        list.map((p) => {
          const span = h('span', { class: `iui-social-icon iui-social-icon--${p}`, role: 'img', 'aria-label': PLATFORM[p], 'data-testid': `uicl-social-icon-${p}` });
          span.append(iconElement(document, p, { attrs: { 'aria-hidden': 'true' } }));
          return span;
        }),
      ),
    );
  }
}
customElements.define('iui-platform-icons', IuiPlatformIcons);

class IuiCopyField extends HTMLElement {
  set value(v) {
    this._value = v;
    this.render();
  }
  get value() {
    return this._value ?? '';
  }
  connectedCallback() {
    this.render();
  }
  render() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const status = h('span', { class: 'iui-copy-field__status', role: 'status', 'aria-live': 'polite' });
    root.replaceChildren(
      h('style', null,
        ':host{display:block}.iui-copy-field{display:flex;flex-direction:column;gap:4px}label{color:#5b6478;font-size:13px}' +
        '.row{display:flex;gap:8px}input{flex:1;min-width:0;padding:7px 9px;border:1px solid #e3e6ee;border-radius:6px;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f7f8fb;color:#1d2433}' +
        'button{padding:7px 12px;border-radius:6px;border:1px solid #e3e6ee;background:#fff;font:inherit;font-weight:600;cursor:pointer}button:hover{background:#f5f6fa}' +
        '.iui-copy-field__status{font-size:12px;color:#1e8e5a;min-height:1em}'),
      h('div', { class: 'iui-copy-field', 'data-testid': 'uicl-copy-field' },
        h('label', { for: 'f' }, this.getAttribute('label') ?? ''),
        h('div', { class: 'row' },
          h('input', { id: 'f', type: 'text', readonly: true, value: this.value, 'data-testid': 'uicl-input' }),
          h('div', { 'data-testid': 'uicl-button' },
            h('button', {
              type: 'button',
              onClick: async () => {
                try {
                  await navigator.clipboard.writeText(this.value);
                  status.textContent = 'Copied to clipboard';
                } catch {
                  status.textContent = 'Press Ctrl+C to copy';
                  root.getElementById('f').select();
                }
              },
            }, 'Copy'),
          ),
        ),
        status,
      ),
    );
  }
}
customElements.define('iui-copy-field', IuiCopyField);

// ------------------------------------------------------------------ shell
const btn = (label, props = {}, primary = false) =>
  h('div', { 'data-testid': 'uicl-button', class: 'iui-button-wrapper' },
    h('button', { type: 'button', class: `${C.btn}${primary ? ' ' + C.btnPrimary : ''}`, [V]: '', ...props }, label));

function dropdown(label, items, { alignRight = false, buttonClass = C.navBtn, id } = {}) {
  const menu = h('ul', { class: C.menu, role: 'menu', 'aria-labelledby': id, hidden: true, style: alignRight ? 'left:auto;right:0;top:calc(100% + 6px)' : null },
    items.map(([text, href]) => h('li', { role: 'none' }, h('a', { class: C.menuItem, role: 'menuitem', href, tabindex: '-1' }, text))));
  const trigger = h('button', { type: 'button', id, class: buttonClass, 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
  const wrap = h('div', { class: C.navItem, 'data-testid': 'uicl-dropdown' }, h('div', { 'data-testid': 'uicl-button' }, trigger), menu);
  const set = (open) => {
    trigger.setAttribute('aria-expanded', String(open));
    menu.hidden = !open;
  };
  let hoverOpenedAt = 0;
  trigger.addEventListener('click', (e) => {
    e.stopPropagation();
    // a click right after hover-open keeps the menu open (the hover already opened it)
    const open = trigger.getAttribute('aria-expanded') !== 'true' || Date.now() - hoverOpenedAt < 600;
    set(open);
    if (open) menu.querySelector('a')?.focus();
  });
  let t;
  wrap.addEventListener('mouseenter', () => {
    clearTimeout(t);
    if (trigger.getAttribute('aria-expanded') !== 'true') hoverOpenedAt = Date.now();
    set(true);
  });
  wrap.addEventListener('mouseleave', () => {
    t = setTimeout(() => set(false), 200);
  });
  menu.addEventListener('keydown', (e) => {
    const links = [...menu.querySelectorAll('a')];
    const i = links.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') links[(i + 1) % links.length].focus();
    else if (e.key === 'ArrowUp') links[(i - 1 + links.length) % links.length].focus();
    else return;
    e.preventDefault();
  });
  document.addEventListener('click', () => set(false));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !menu.hidden) {
      set(false);
      trigger.focus();
    }
  });
  return { wrap, trigger };
}

const main = h('main', { class: C.main, id: 'main', [V]: '' });
function mountShell() {
  const acct = boot.account;
  const discover = dropdown('Discover', [
    ['Find Campaigns', keepFamily(`${P.marketplace}?execution=e1s1#/all`)],
    ['Find Brands', keepFamily(`${P.marketplace}?execution=e1s1#/all`)],
  ], { id: 'iui-nav-discover' });
  discover.trigger.append('Discover', h('span', { 'aria-hidden': 'true' }, ' ▾'));
  const account = dropdown('', [
    ...boot.accounts.map((a) => [a.label, keepFamily(`${P.switchAccount}?accountId=${a.id}`)]),
    ['Sign out', '#/'],
  ], { alignRight: true, buttonClass: C.accountBtn, id: 'iui-account-switcher' });
  account.trigger.append(
    h('span', { class: C.avatar, 'aria-hidden': 'true' }, initials(acct.name)),
    h('span', { class: 'iui-account__name' }, acct.name), ' ',
    h('span', { class: 'iui-account__id' }, `(Acct ${acct.id})`),
  );
  account.wrap.setAttribute('data-testid', 'uicl-account-switcher');
  account.wrap.className = C.account;
  const app = h('div', { id: 'app', class: `${C.app} iui-app`, [V]: '' },
    h('header', { class: C.topbar, 'data-testid': 'uicl-top-nav', [V]: '' },
      h('a', { class: C.logo, href: keepFamily(P.home) }, h('span', { class: C.logoMark, 'aria-hidden': 'true' }, 'i'), 'impact.com'),
      h('nav', { class: C.nav, 'aria-label': 'Primary' },
        h('div', { class: C.navItem }, h('a', { class: C.navBtn, href: keepFamily(P.home) }, 'Home')),
        discover.wrap,
        h('div', { class: C.navItem }, h('a', { class: C.navBtn, href: '#/content' }, 'Content')),
        h('div', { class: C.navItem }, h('a', { class: C.navBtn, href: '#/reports' }, 'Reports')),
        h('div', { class: C.navItem }, h('a', { class: C.navBtn, href: '#/payments' }, 'Payments')),
      ),
      account.wrap,
    ),
    main,
  );
  document.getElementById('app').replaceWith(app);
}

// ------------------------------------------------------------------ routing
function parseRoute() {
  const seg = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const q = new URLSearchParams(location.search);
  if (location.pathname === P.marketplace) {
    if (seg[1] === 'campaigns' && seg[3] === 'tasks')
      return { page: 'tasks', campaignId: seg[2], taskId: seg[4] ?? null, base: `#/${seg[0]}/campaigns/${seg[2]}/tasks`, back: `#/${seg[0]}` };
    const tab = seg[0] === 'participating' ? 'joined' : boot.tabs.some((t) => t.key === seg[0]) ? seg[0] : 'all';
    return { page: 'find', tab };
  }
  if (location.pathname === P.tasksFlow)
    return {
      page: 'tasks',
      campaignId: q.get('campaignId'),
      taskId: seg[0] === 'tasks' ? (seg[1] ?? null) : null,
      base: '#/tasks',
      back: keepFamily(`${P.marketplace}?execution=e1s1#/joined`),
    };
  return { page: 'home' };
}

let current = { key: null };
let gen = 0;
async function route() {
  const r = parseRoute();
  const key = `${r.page}:${r.tab ?? ''}:${r.campaignId ?? ''}`;
  if (key === current.key) {
    // same view: only the slide-out changes
    current.route = r;
    return syncPanel();
  }
  const my = ++gen;
  current = { key, route: r };
  closePanel(false);
  main.replaceChildren(h('div', { class: C.loading }, h('span', { class: C.spinner, 'aria-hidden': 'true' }), ' Loading…'));
  if (r.page === 'home') await viewHome(my);
  else if (r.page === 'find') await viewFind(my, r);
  else await viewTasks(my, r);
}
window.addEventListener('hashchange', route);

// ------------------------------------------------------------------ views
async function viewHome(my) {
  document.title = 'Home | impact.com';
  const [{ body }] = await Promise.all([api('/api/mediapartner/campaigns?tab=joined'), delay()]);
  if (my !== gen) return;
  const stat = (v, l) => h('div', { class: C.card, 'data-testid': 'uicl-card' }, h('div', { class: C.statValue }, v), h('div', { class: C.statLabel }, l));
  main.replaceChildren(
    h('div', { class: C.pageHead },
      h('div', null, h('h1', { class: C.pageTitle }, `Welcome back, ${boot.account.name}`),
        h('p', { class: C.subtitle }, 'Here is what is happening across your partnerships.'))),
    h('div', { class: C.cards },
      stat(String(body.campaigns.length), 'Active campaigns'), stat('$2,418.60', 'Pending earnings'),
      stat('4', 'New invitations'), stat('98%', 'On-time delivery')),
  );
}

async function viewFind(my, r) {
  document.title = 'Find Campaigns | impact.com';
  const [{ body }] = await Promise.all([api(`/api/mediapartner/campaigns?tab=${r.tab}`), delay()]);
  if (my !== gen) return;
  const tabs = h('div', { class: C.tabs, role: 'tablist', 'data-testid': 'uicl-tabs' },
    boot.tabs.map((t) =>
      h('button', {
        type: 'button', role: 'tab', 'data-testid': 'uicl-tab', 'aria-selected': String(t.key === r.tab),
        class: `${C.tab}${t.key === r.tab ? ' ' + C.tabActive : ''}`, tabindex: t.key === r.tab ? '0' : '-1',
        onClick: () => (location.hash = `#/${t.key}`),
      }, t.label)));
  const grid = h('div', { class: C.grid, [V]: '' }, body.campaigns.map(tileEl));
  main.replaceChildren(
    h('div', { class: C.pageHead }, h('div', null, h('h1', { class: C.pageTitle }, 'Find Campaigns'),
      h('p', { class: C.subtitle }, 'Discover brands and manage the campaigns you are part of.'))),
    tabs,
    h('div', { role: 'tabpanel' }, body.campaigns.length ? grid : h('div', { class: C.empty }, 'No campaigns here yet.')),
  );
}

function tileEl(t) {
  const icons = document.createElement('iui-platform-icons');
  icons.platforms = t.platforms;
  return h('div', { class: C.tile, 'data-testid': 'uicl-campaign-card', [V]: '' },
    h('div', { class: C.tileHead },
      h('div', { class: C.avatar, 'aria-hidden': 'true', style: `background:${avatarColor(t.brand)};border-radius:8px;width:40px;height:40px` }, initials(t.brand)),
      h('div', { style: 'min-width:0' },
        h('div', { class: C.tileName, title: t.name }, t.name),
        h('div', { class: C.tileBrand }, t.brand))),
    h('div', { class: C.tileMeta }, t.joined ? `${t.endsLabel} · ${t.tasksLabel}` : 'Accepting partners'),
    h('div', { class: C.tileFoot },
      h('div', { class: C.tileActions },
        t.joined
          ? btn('Manage Tasks', { onClick: () => (location.hash = `#/joined/campaigns/${t.id}/tasks`) }, true)
          : btn(t.action)),
      icons));
}

let tasksCtx = null;
async function viewTasks(my, r) {
  document.title = 'My Campaign Tasks | impact.com';
  const [res] = await Promise.all([api(`/api/mediapartner/campaigns/${r.campaignId}/tasks`), delay()]);
  if (my !== gen) return;
  if (!res.ok) {
    main.replaceChildren(h('h1', { class: C.pageTitle }, 'My Campaign Tasks'), h('div', { class: C.empty }, 'This campaign could not be found.'));
    return;
  }
  const c = res.body;
  const list = h('div', { class: C.tasks, 'data-testid': 'uicl-task-list' });
  tasksCtx = { campaign: c, list };
  renderRows();
  main.replaceChildren(
    h('a', { href: r.back, class: C.crumbs, style: 'text-decoration:none' }, '‹ Back to Participating'),
    h('div', { class: C.pageHead },
      h('div', null, h('h1', { class: C.pageTitle }, 'My Campaign Tasks'),
        h('p', { class: C.subtitle }, h('strong', null, c.name), ' · ', c.brand)),
      // light-DOM icon strip named by the title attribute
      h('div', { class: C.platforms, 'data-testid': 'uicl-campaign-platforms' },
        c.platforms.map((p) => {
          const i = h('i', { class: `${C.pIcon} iui-icon iui-icon--${p}`, role: 'img', title: PLATFORM[p] });
          i.append(iconElement(document, p, { attrs: { 'aria-hidden': 'true' } }));
          return i;
        }))),
    list,
  );
  syncPanel();
}

function renderRows() {
  const { campaign: c, list } = tasksCtx;
  list.replaceChildren(
    h('div', { class: C.taskHead }, h('div', null, 'Task'), h('div', null, 'Platform'), h('div', null, 'Status'), h('div', null, 'Due'), h('div', null, '')),
    ...c.tasks.map((t) => {
      const plat = h('div', { class: C.taskCell });
      if (t.platform) plat.append(iconElement(document, t.platform, { attrs: { 'aria-hidden': 'true', width: '18', height: '18' } }));
      plat.append(t.platformLabel);
      return h('div', { class: C.taskRow, 'data-testid': 'uicl-task-row', [V]: '' },
        h('div', { class: C.taskName }, t.name),
        plat,
        h('div', { class: C.taskCell }, h('span', { class: `${C.chip} ${tone(t.status)}`, 'data-testid': 'uicl-badge' }, t.status)),
        h('div', { class: C.taskCell }, t.dueLabel),
        h('div', { class: C.taskActions }, btn('View Task Details', { onClick: () => (location.hash = `${current.route.base}/${t.id}`) })));
    }),
  );
}

async function refreshRows() {
  if (!tasksCtx) return;
  const res = await api(`/api/mediapartner/campaigns/${tasksCtx.campaign.id}/tasks`);
  if (res.ok) {
    tasksCtx.campaign = res.body;
    renderRows();
  }
}

// ------------------------------------------------------------------ slide-out
let panel = null; // { taskId, screen, dialog, expanded, feedback, data }
function syncPanel() {
  const r = current.route;
  if (r.page !== 'tasks' || !tasksCtx) return;
  if (!r.taskId) return closePanel(false);
  if (panel?.taskId === r.taskId) return;
  closePanel(false);
  openPanel(r.taskId);
}

function closePanel(updateHash = true) {
  if (!panel) return;
  panel.screen.remove();
  panel = null;
  document.removeEventListener('keydown', onPanelKey);
  if (updateHash && current.route?.base) location.hash = current.route.base;
}
function onPanelKey(e) {
  if (e.key === 'Escape') closePanel(true);
}

async function openPanel(taskId) {
  const dialog = h('div', {
    class: C.panel, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'iui-modal-title', 'data-testid': 'uicl-modal', [V]: '',
  }, h('div', { class: C.loading }, h('span', { class: C.spinner, 'aria-hidden': 'true' }), ' Loading task…'));
  const screen = h('div', { 'data-testid': 'uicl-modal-screen', class: 'iui-modal-screen-root' },
    h('div', { class: C.overlay, onClick: () => closePanel(true) }), dialog);
  panel = { taskId, screen, dialog, expanded: false, feedback: null, data: null, busy: false };
  document.body.append(screen);
  document.addEventListener('keydown', onPanelKey);
  const mine = panel;
  const [res] = await Promise.all([api(`/api/mediapartner/tasks/${taskId}`), sleep(boot.renderDelayMs / 2)]);
  if (panel !== mine) return;
  if (!res.ok) {
    dialog.replaceChildren(h('div', { class: C.panelBody }, 'This task could not be found.'));
    return;
  }
  panel.data = res.body;
  renderPanel();
  dialog.querySelector('[aria-label="Close"]')?.focus();
}

function section(title, ...kids) {
  return h('div', { class: C.section, 'data-testid': 'uicl-form-section' }, h('div', { class: C.sectionTitle }, title), ...kids);
}
function field(label, value) {
  return h('div', { class: 'iui-form-field', style: 'margin:0 0 12px' }, h('div', { class: C.kvKey, style: 'font-size:13px;margin-bottom:4px' }, label), value);
}

function ttcmBody(d, bodyId) {
  const link = d.ttcm.inviteLink
    ? (() => {
        const cf = document.createElement('iui-copy-field');
        cf.setAttribute('label', 'Invite link');
        cf.value = d.ttcm.inviteLink;
        return cf;
      })()
    : field('Invite link', h('div', { class: C.muted }, 'The brand has not shared an invite link yet. Use the campaign code instead.'));
  return h('div', { id: bodyId, class: C.disclosureBody, hidden: !panel.expanded },
    h('div', { style: 'margin:0 0 12px' }, link),
    field('Campaign code', h('span', { class: C.code, 'data-testid': 'uicl-text' }, d.ttcm.campaignCode)),
    h('div', { class: C.sow }, h('div', { style: 'font-weight:600' }, 'Statement of Work'), h('div', null, d.ttcm.sow)));
}

// Vue-like: built once, then patched in place (toggle, retrieve result).
function renderPanel() {
  const d = panel.data;
  const refs = (panel.refs = {});
  const body = h('div', { class: C.panelBody });
  body.append(section('Draft', d.draft
    ? h('div', null, d.draft.file, ' ', h('span', { class: `${C.chip} ${tone(d.draft.status)}` }, d.draft.status))
    : h('div', { class: C.muted }, 'No draft uploaded.')));
  if (d.ttcm) {
    const bodyId = `iui-ttcm-${d.id}`;
    refs.toggle = h('button', {
      type: 'button', class: C.disclosureBtn, 'aria-expanded': 'false', 'aria-controls': bodyId, 'data-testid': 'uicl-accordion-toggle',
      onClick: () => {
        panel.expanded = !panel.expanded;
        patchTtcm();
      },
    }, h('span', null, 'TTCM Branded Content Details'), h('span', { class: C.caret, 'aria-hidden': 'true' }, '▾'));
    refs.ttcm = h('div', { class: `${C.disclosure} iui-form-section`, 'data-testid': 'uicl-form-section' }, refs.toggle);
    refs.bodyId = bodyId;
    if (boot.collapsedContent === 'present') refs.ttcm.append(ttcmBody(d, bodyId));
    body.append(refs.ttcm);
  }
  refs.deliv = section('Deliverable');
  body.append(refs.deliv);
  patchDeliverable();
  const m = d.metrics ?? { views: '—', likes: '—', comments: '—', shares: '—' };
  refs.metrics = h('div', { class: C.kv },
    ...[['Views', m.views], ['Likes', m.likes], ['Comments', m.comments], ['Shares', m.shares]].flatMap(([k, v]) => [h('div', { class: C.kvKey }, k), h('div', { class: C.kvVal }, v)]));
  body.append(section('Metrics', refs.metrics));
  refs.log = h('ul', { class: C.log });
  body.append(section('Activity log', refs.log));
  patchLog();
  refs.status = h('span', { class: `${C.chip} ${tone(d.status)}`, 'data-testid': 'uicl-badge' }, d.status);
  const head = h('div', { class: C.panelHead },
    h('div', { style: 'flex:1;min-width:0' },
      h('div', { class: C.muted, style: 'font-size:12px' }, `${d.campaignName} · ${d.brand}`),
      h('h2', { class: C.panelTitle, id: 'iui-modal-title' }, d.name),
      h('div', { style: 'margin-top:6px;display:flex;gap:8px;align-items:center;flex-wrap:wrap' },
        refs.status,
        h('span', { class: C.muted, style: 'font-size:12.5px' }, `${d.platformLabel} · Due ${d.dueLabel}`))),
    h('div', { 'data-testid': 'uicl-button' }, h('button', { type: 'button', class: C.panelClose, 'aria-label': 'Close', onClick: () => closePanel(true) }, '×')));
  panel.dialog.replaceChildren(head, body);
}

function patchTtcm() {
  const { toggle, ttcm, bodyId } = panel.refs;
  toggle.setAttribute('aria-expanded', String(panel.expanded));
  let b = ttcm.querySelector(`#${bodyId}`);
  if (boot.collapsedContent === 'present') {
    b.hidden = !panel.expanded;
  } else if (panel.expanded && !b) {
    b = ttcmBody(panel.data, bodyId);
    b.hidden = true;
    ttcm.append(b);
    // v-if + transition: content arrives a beat after the click
    setTimeout(() => (b.hidden = false), 120);
  } else if (!panel.expanded && b) {
    b.remove();
  }
}

function patchDeliverable() {
  const d = panel.data;
  const deliv = panel.refs.deliv;
  deliv.replaceChildren(deliv.firstChild);
  if (panel.feedback) {
    const f = panel.feedback;
    deliv.append(h('div', {
      class: `${C.alert} ${f.outcome === 'success' ? C.alertOk : f.outcome === 'notFound' ? C.alertWarn : C.alertError}`,
      role: f.outcome === 'success' ? 'status' : 'alert', 'data-testid': 'uicl-alert',
    }, f.message));
  }
  if (d.deliverable) {
    deliv.append(h('div', { class: C.deliverable, 'data-testid': 'uicl-deliverable' },
      h('img', { class: C.thumb, src: d.deliverable.thumbUrl, alt: 'TikTok post thumbnail' }),
      h('div', { style: 'min-width:0' }, h('div', { style: 'font-weight:600' }, 'TikTok post'),
        h('a', { href: d.deliverable.postUrl, target: '_blank', rel: 'noopener', style: 'word-break:break-all' }, d.deliverable.postUrl),
        h('div', { class: C.muted, style: 'font-size:12.5px' }, `Retrieved ${d.deliverable.atLabel}`))));
  } else if (d.isTikTok) {
    deliv.append(h('p', { class: C.muted }, 'No post submitted yet. After you post on TikTok, retrieve your post to submit it.'));
    if (d.canRetrieve) {
      const b = btn(panel.busy ? 'Retrieving…' : 'Retrieve my post', { disabled: panel.busy, onClick: retrieve }, true);
      if (panel.busy) b.firstChild.prepend(h('span', { class: C.spinner, 'aria-hidden': 'true' }));
      deliv.append(b);
    }
  } else {
    deliv.append(h('p', { class: C.muted }, 'No deliverable submitted yet.'));
  }
}

function patchLog() {
  panel.refs.log.replaceChildren(...panel.data.activity.map((a) => h('li', { class: C.logItem }, h('span', { class: C.logTime }, a.atLabel), h('span', null, a.text))));
}

async function retrieve() {
  const mine = panel;
  panel.busy = true;
  panel.feedback = null;
  patchDeliverable();
  const res = await api(`/api/mediapartner/tasks/${mine.taskId}/retrieve-post`, { method: 'POST', body: '{}' });
  if (panel !== mine) return;
  panel.busy = false;
  const outcome = res.body?.outcome ?? 'error';
  panel.feedback = {
    outcome: outcome === 'success' ? 'success' : outcome === 'notFound' ? 'notFound' : 'error',
    message: res.body?.message ?? 'Something went wrong. Please try again.',
  };
  if (outcome === 'success' && res.body.task) {
    panel.data = res.body.task;
    panel.refs.status.textContent = panel.data.status;
    panel.refs.status.className = `${C.chip} ${tone(panel.data.status)}`;
    refreshRows();
  } else {
    const t = await api(`/api/mediapartner/tasks/${mine.taskId}`);
    if (t.ok && panel === mine) panel.data = t.body;
  }
  if (panel !== mine) return;
  patchDeliverable();
  patchLog();
}

// ------------------------------------------------------------------ start (late, like a real SPA)
await sleep(Math.min(200, boot.renderDelayMs));
mountShell();
route();
