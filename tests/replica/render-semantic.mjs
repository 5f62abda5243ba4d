// Family "semantic": server-rendered, plain semantic HTML, full page loads between pages.
// Every scenario string goes through escaping (the `html` tag below); nothing is trusted.

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ESC[ch]);
class Raw {
  constructor(s) {
    this.s = s;
  }
  toString() {
    return this.s;
  }
}
const raw = (s) => new Raw(s);
function val(v) {
  if (v == null || v === false) return '';
  if (v instanceof Raw) return v.s;
  if (Array.isArray(v)) return v.map(val).join('');
  return esc(v);
}
function html(strings, ...vals) {
  let out = strings[0];
  for (let i = 0; i < vals.length; i++) out += val(vals[i]) + strings[i + 1];
  return raw(out);
}

function tone(s) {
  if (/approved|completed/i.test(s)) return 'chip-ok';
  if (/rejected/i.test(s)) return 'chip-warn';
  if (/pending approval|awaiting review/i.test(s)) return 'chip-info';
  if (/awaiting|waiting|in progress/i.test(s)) return 'chip-warn';
  return 'chip-muted';
}
function initials(name) {
  const words = String(name).replace(/[^\p{L}\p{N} ]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => [...w][0]).join('') || '?').toUpperCase();
}
function avatarColor(text) {
  let x = 0;
  for (const ch of String(text)) x = (x * 31 + ch.codePointAt(0)) >>> 0;
  return ['#6c5ce7', '#00a3a3', '#e17055', '#0984e3', '#d63384', '#2d9d5c', '#b8860b', '#5f6caf'][x % 8];
}

export function renderSemanticPage(page, ctx) {
  const { url, paths, data } = ctx;
  const forced = url.searchParams.get('family');
  const link = (path, params = {}) => {
    const u = new URL(path, 'https://x');
    for (const [k, v] of Object.entries(params)) if (v != null) u.searchParams.set(k, v);
    if (forced) u.searchParams.set('family', forced);
    return u.pathname + u.search + u.hash;
  };
  const L = {
    home: link(paths.home),
    find: (tab = 'joined') => link(paths.marketplace, { execution: 'e1s1', tab }),
    tasks: (cid, tid) => link(paths.tasksFlow, { execution: 'e2s1', campaignId: cid, taskId: tid }),
    switchAccount: (id) => link(paths.switchAccount, { accountId: id }),
  };
  let title;
  let body;
  let status = 200;
  if (page === 'home') {
    title = 'Home';
    body = homePage(ctx, L);
  } else if (page === 'find') {
    title = 'Find Campaigns';
    body = findPage(ctx, L);
  } else {
    title = 'My Campaign Tasks';
    const out = tasksPage(ctx, L);
    body = out.body;
    status = out.status;
  }
  const acct = data.account();
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} | impact.com</title>
<link rel="icon" href="/favicon.svg">
<style>${raw(ctx.css)}</style>
</head>
<body>
<a class="visually-hidden" href="#main">Skip to content</a>
<header class="topbar">
  <a class="logo" href="${L.home}"><span class="logo-mark" aria-hidden="true">i</span>impact.com</a>
  <nav aria-label="Main">
    <ul class="nav">
      <li class="nav-item"><a class="nav-btn" href="${L.home}"${page === 'home' ? raw(' aria-current="page"') : ''}>Home</a></li>
      <li class="nav-item">
        <button class="nav-btn" type="button" id="discover-button" aria-expanded="false" aria-controls="discover-menu">Discover <span aria-hidden="true">▾</span></button>
        <ul class="menu" id="discover-menu" hidden>
          <li><a class="menu-item" href="${L.find('all')}">Find Campaigns</a></li>
          <li><a class="menu-item" href="${L.find('all')}#brands">Find Brands</a></li>
        </ul>
      </li>
      <li class="nav-item"><a class="nav-btn" href="${L.home}#content">Content</a></li>
      <li class="nav-item"><a class="nav-btn" href="${L.home}#reports">Reports</a></li>
      <li class="nav-item"><a class="nav-btn" href="${L.home}#payments">Payments</a></li>
    </ul>
  </nav>
  <div class="account">
    <button class="account-btn" type="button" id="account-button" aria-expanded="false" aria-controls="account-menu">
      <span class="avatar" aria-hidden="true">${initials(acct.name)}</span><span>${acct.label}</span> <span aria-hidden="true">▾</span>
    </button>
    <ul class="menu" id="account-menu" hidden style="left:auto;right:0;top:calc(100% + 6px)">
      ${data.accounts().map(
        (a) => html`<li><a class="menu-item" href="${L.switchAccount(a.id)}"${a.id === acct.id ? raw(' aria-current="true"') : ''}>${a.label}</a></li>`,
      )}
      <li><a class="menu-item" href="${L.home}#sign-out">Sign out</a></li>
    </ul>
  </div>
</header>
${body}
<script type="module" src="/assets/replica/semantic.mjs"></script>
</body>
</html>`;
  return { status, html: doc.s };
}

function homePage(ctx, L) {
  const acct = ctx.data.account();
  const joined = ctx.data.tabTiles('joined');
  return html`<main class="main" id="main">
  <div class="page-head"><div><h1 class="page-title">Welcome back, ${acct.name}</h1>
  <p class="subtitle">Here is what is happening across your partnerships.</p></div>
  <a class="btn btn-primary" href="${L.find('joined')}">View my campaigns</a></div>
  <section class="cards" aria-label="Summary">
    <div class="card"><div class="stat-value">${String(joined.length)}</div><div class="stat-label">Active campaigns</div></div>
    <div class="card"><div class="stat-value">$2,418.60</div><div class="stat-label">Pending earnings</div></div>
    <div class="card"><div class="stat-value">4</div><div class="stat-label">New invitations</div></div>
    <div class="card"><div class="stat-value">98%</div><div class="stat-label">On-time delivery</div></div>
  </section>
  <section class="card" aria-labelledby="news-h">
    <h2 class="section-title" id="news-h">News</h2>
    <p>New: link your TikTok posts to campaigns with the brand's invite link or campaign code.</p>
  </section>
</main>`;
}

function tileHtml(t, L) {
  const nameId = `campaign-${t.id}-name`;
  return html`<li>
  <article class="tile" aria-labelledby="${nameId}">
    <div class="tile-head">
      <span class="avatar" aria-hidden="true" style="background:${avatarColor(t.brand)};border-radius:8px;width:40px;height:40px">${initials(t.brand)}</span>
      <div style="min-width:0">
        <h3 class="tile-name" id="${nameId}" title="${t.name}">${t.name}</h3>
        <p class="tile-brand">${t.brand}</p>
      </div>
    </div>
    ${t.joined ? html`<p class="tile-meta">${t.endsLabel} · ${t.tasksLabel}</p>` : html`<p class="tile-meta">Accepting partners</p>`}
    <div class="tile-foot">
      <div class="tile-actions">
        ${t.joined
          ? html`<a class="btn btn-primary" href="${L.tasks(t.id)}">Manage Tasks</a>`
          : html`<a class="btn" href="#campaign-${t.id}">${t.action}</a>`}
      </div>
      ${t.platforms.length
        ? html`<ul class="platforms" aria-label="Platforms">${t.platforms.map(
            (p, i) => html`<li class="p-icon"><img src="/assets/replica/icons/${p}.svg" alt="${t.platformLabels[i]}" width="22" height="22"></li>`,
          )}</ul>`
        : ''}
    </div>
  </article>
</li>`;
}

function findPage(ctx, L) {
  const { url, data } = ctx;
  const tabs = [
    { key: 'all', label: 'All Campaigns' },
    { key: 'invitations', label: 'Invitations' },
    { key: 'applied', label: 'Applied' },
    { key: 'joined', label: 'Participating' },
  ];
  let tab = url.searchParams.get('tab') ?? 'all';
  if (tab === 'participating') tab = 'joined';
  if (!tabs.some((t) => t.key === tab)) tab = 'all';
  const tiles = data.tabTiles(tab);
  const label = tabs.find((t) => t.key === tab).label;
  return html`<main class="main" id="main">
  <div class="page-head"><div><h1 class="page-title">Find Campaigns</h1>
  <p class="subtitle">Discover brands and manage the campaigns you are part of.</p></div></div>
  <div class="tabs" role="tablist" aria-label="Campaign lists">
    ${tabs.map(
      (t) =>
        html`<a class="tab${t.key === tab ? ' tab-active' : ''}" role="tab" id="tab-${t.key}" aria-selected="${t.key === tab ? 'true' : 'false'}" href="${L.find(t.key)}">${t.label}</a>`,
    )}
  </div>
  <section role="tabpanel" aria-labelledby="tab-${tab}">
    <h2 class="visually-hidden">${label} campaigns</h2>
    ${tiles.length ? html`<ul class="grid">${tiles.map((t) => tileHtml(t, L))}</ul>` : html`<p class="empty">No campaigns here yet.</p>`}
  </section>
</main>`;
}

function tasksPage(ctx, L) {
  const { url, data, config } = ctx;
  const cid = url.searchParams.get('campaignId') ?? '';
  const c = data.findCampaign(cid);
  if (!c) {
    return {
      status: 404,
      body: html`<main class="main" id="main"><h1 class="page-title">My Campaign Tasks</h1><p class="empty">This campaign could not be found.</p><p><a href="${L.find('joined')}">Back to Participating</a></p></main>`,
    };
  }
  const vm = data.campaignVM(c);
  const tid = url.searchParams.get('taskId');
  const detail = tid ? data.taskDetail(tid) : null;
  const panel = detail && detail.campaignId === c.id ? panelHtml(detail, ctx, L, config) : '';
  return {
    status: 200,
    body: html`<main class="main" id="main">
  <nav aria-label="Breadcrumb"><ol class="crumbs"><li><a href="${L.find('joined')}">Find Campaigns</a> ›</li><li><a href="${L.find('joined')}">Participating</a> ›</li><li aria-current="page">${vm.name}</li></ol></nav>
  <div class="page-head"><div><h1 class="page-title">My Campaign Tasks</h1>
  <p class="subtitle"><strong>${vm.name}</strong> · ${vm.brand}</p></div>
  ${vm.platforms.length ? html`<ul class="platforms" aria-label="Platforms">${vm.platforms.map((p, i) => html`<li class="p-icon"><img src="/assets/replica/icons/${p}.svg" alt="${vm.platformLabels[i]}" width="22" height="22"></li>`)}</ul>` : ''}
  </div>
  <table class="tasks">
    <caption class="visually-hidden">Tasks for ${vm.name}</caption>
    <thead><tr class="task-head" style="display:table-row"><th scope="col">Task</th><th scope="col">Platform</th><th scope="col">Status</th><th scope="col">Due date</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>
    ${vm.tasks.map(
      (t) => html`<tr class="task-row" id="task-row-${t.id}">
        <th scope="row" class="task-name" style="text-align:left;padding:12px 16px;border-bottom:1px solid var(--line)">${t.name}</th>
        <td class="task-cell">${t.platform ? html`<img src="/assets/replica/icons/${t.platform}.svg" alt="" width="18" height="18" style="vertical-align:-4px"> ` : ''}${t.platformLabel}</td>
        <td class="task-cell"><span class="chip ${tone(t.status)}">${t.status}</span></td>
        <td class="task-cell"><time datetime="${t.dueDate}">${t.dueLabel}</time></td>
        <td class="task-cell task-actions"><a class="btn" href="${L.tasks(c.id, t.id)}">View Task Details</a></td>
      </tr>`,
    )}
    </tbody>
  </table>
</main>
${panel}`,
  };
}

export function ttcmBodyHtml(d) {
  const t = d.ttcm;
  return html`<dl class="kv">
    <dt class="kv-key">Invite link</dt>
    <dd class="kv-val">${t.inviteLink ? html`<a href="${t.inviteLink}" target="_blank" rel="noopener noreferrer">${t.inviteLink}</a>` : html`<span class="muted">Not available. The brand has not shared an invite link yet. Use the campaign code instead.</span>`}</dd>
    <dt class="kv-key">Campaign code</dt>
    <dd class="kv-val"><code class="code">${t.campaignCode}</code></dd>
  </dl>
  <div class="sow"><strong>Statement of Work (excerpt)</strong><p style="margin:4px 0 0">${t.sow}</p></div>
  <p class="muted" style="font-size:12.5px">Open the invite link on your phone, or add the campaign code in the TikTok app under Content disclosure and ads.</p>`;
}

function panelHtml(d, ctx, L, config) {
  const flash = ctx.data.takeFlash(d.id);
  const closeHref = L.tasks(d.campaignId);
  const present = config.collapsedContent !== 'absent';
  const returnTo = L.tasks(d.campaignId, d.id);
  return html`<a class="overlay" href="${closeHref}" tabindex="-1" aria-hidden="true"></a>
<aside class="panel" id="task-details" aria-labelledby="task-details-title">
  <div class="panel-head">
    <div style="flex:1;min-width:0">
      <p class="muted" style="margin:0 0 2px;font-size:12px">Task details</p>
      <h2 class="panel-title" id="task-details-title">${d.name}</h2>
      <p style="margin:6px 0 0">Status: <span class="chip ${tone(d.status)}" id="task-status">${d.status}</span></p>
    </div>
    <a class="panel-close" href="${closeHref}" aria-label="Close task details">×</a>
  </div>
  <div class="panel-body">
    <section class="section" aria-labelledby="ov-h">
      <h3 class="section-title" id="ov-h">Overview</h3>
      <dl class="kv">
        <dt class="kv-key">Campaign</dt><dd class="kv-val">${d.campaignName}</dd>
        <dt class="kv-key">Brand</dt><dd class="kv-val">${d.brand}</dd>
        <dt class="kv-key">Platform</dt><dd class="kv-val">${d.platformLabel}</dd>
        <dt class="kv-key">Due date</dt><dd class="kv-val"><time datetime="${d.dueDate}">${d.dueLabel}</time></dd>
        <dt class="kv-key">Brief</dt><dd class="kv-val">${d.brief}</dd>
      </dl>
    </section>
    <section class="section" aria-labelledby="draft-h">
      <h3 class="section-title" id="draft-h">Draft</h3>
      ${d.draft ? html`<p style="margin:0">${d.draft.file} — <span class="chip ${tone(d.draft.status)}">${d.draft.status}</span></p>` : html`<p class="muted" style="margin:0">No draft uploaded.</p>`}
    </section>
    ${d.ttcm
      ? html`<details class="disclosure" id="ttcm-${d.id}" data-task="${d.id}"${present ? '' : raw(' data-lazy="true"')}>
      <summary class="disclosure-btn">TTCM Branded Content Details <span class="caret" aria-hidden="true">▾</span></summary>
      <div class="disclosure-body">${present ? ttcmBodyHtml(d) : ''}</div>
    </details>`
      : ''}
    <section class="section" aria-labelledby="deliv-h" id="deliverable-section">
      <h3 class="section-title" id="deliv-h">Deliverable</h3>
      <div id="retrieve-feedback">${flash ? feedbackHtml(flash) : ''}</div>
      ${d.deliverable
        ? deliverableHtml(d.deliverable)
        : d.isTikTok
          ? html`<p class="muted" id="no-deliverable">No post submitted yet. After you post on TikTok, retrieve your post to submit it.</p>
        ${d.canRetrieve
          ? html`<form method="post" action="/api/mediapartner/tasks/${d.id}/retrieve-post" id="retrieve-form">
          <input type="hidden" name="returnTo" value="${returnTo}">
          <button type="submit" class="btn btn-primary">Retrieve my post</button>
        </form>`
          : ''}`
          : html`<p class="muted">No deliverable submitted yet.</p><button type="button" class="btn" disabled>Submit deliverable</button>`}
    </section>
    <section class="section" aria-labelledby="metrics-h">
      <h3 class="section-title" id="metrics-h">Metrics</h3>
      ${metricsHtml(d.metrics)}
    </section>
    <section class="section" aria-labelledby="log-h" style="border-bottom:0">
      <h3 class="section-title" id="log-h">Activity log</h3>
      <ol class="log">${d.activity.map((a) => html`<li class="log-item"><time class="log-time" datetime="${a.at}">${a.atLabel}</time><span>${a.text}</span></li>`)}</ol>
    </section>
  </div>
</aside>`;
}

function feedbackHtml(f) {
  if (f.outcome === 'success') return html`<div class="alert alert-ok" role="status">${f.message}</div>`;
  return html`<div class="alert ${f.outcome === 'notFound' ? 'alert-warn' : 'alert-error'}" role="alert">${f.message}</div>`;
}

function deliverableHtml(dv) {
  return html`<div class="deliverable" id="deliverable">
    <img class="thumb" src="${dv.thumbUrl}" alt="Thumbnail of your TikTok post">
    <div style="min-width:0"><p style="margin:0 0 4px;font-weight:600">TikTok post</p>
    <a href="${dv.postUrl}" target="_blank" rel="noopener noreferrer" style="word-break:break-all">${dv.postUrl}</a>
    <p class="muted" style="margin:4px 0 0;font-size:12.5px">Retrieved ${dv.atLabel}</p></div>
  </div>`;
}

function metricsHtml(m) {
  const v = m ?? { views: '—', likes: '—', comments: '—', shares: '—' };
  return html`<dl class="kv" id="metrics">
    <dt class="kv-key">Views</dt><dd class="kv-val">${v.views}</dd>
    <dt class="kv-key">Likes</dt><dd class="kv-val">${v.likes}</dd>
    <dt class="kv-key">Comments</dt><dd class="kv-val">${v.comments}</dd>
    <dt class="kv-key">Shares</dt><dd class="kv-val">${v.shares}</dd>
  </dl>${m ? '' : html`<p class="muted" style="font-size:12.5px">Metrics appear once your post is approved.</p>`}`;
}
