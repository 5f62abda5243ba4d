// Family "semantic": small progressive enhancement over server-rendered pages.
import { h, api } from './lib.mjs';

// Disclosure menus (Discover, account switcher).
for (const btn of document.querySelectorAll('button[aria-controls][aria-expanded]')) {
  const menu = document.getElementById(btn.getAttribute('aria-controls'));
  if (!menu) continue;
  btn.addEventListener('click', (e) => {
    e.stopPropagation();
    const open = btn.getAttribute('aria-expanded') !== 'true';
    closeMenus();
    btn.setAttribute('aria-expanded', String(open));
    menu.hidden = !open;
    if (open) menu.querySelector('a')?.focus();
  });
}
function closeMenus() {
  for (const b of document.querySelectorAll('header button[aria-controls][aria-expanded="true"]')) {
    b.setAttribute('aria-expanded', 'false');
    document.getElementById(b.getAttribute('aria-controls')).hidden = true;
  }
}
document.addEventListener('click', (e) => {
  if (!e.target.closest?.('header .menu')) closeMenus();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeMenus();
});

// Old-style fragment links (#/joined) -> ?tab=joined
const hashTab = location.hash.match(/^#\/(all|invitations|applied|joined|participating)\b/);
if (hashTab && location.pathname.endsWith('-marketplace-flow.ihtml')) {
  const u = new URL(location.href);
  if (u.searchParams.get('tab') !== hashTab[1]) {
    u.searchParams.set('tab', hashTab[1]);
    u.hash = '';
    location.replace(u.href);
  }
}

// TTCM details rendered on demand when the server was configured with collapsedContent=absent.
for (const det of document.querySelectorAll('details[data-lazy]')) {
  const body = det.querySelector('.disclosure-body');
  det.addEventListener('toggle', async () => {
    if (!det.open) return body.replaceChildren();
    body.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    const { ok, body: d } = await api(`/api/mediapartner/tasks/${det.dataset.task}`);
    if (!det.open) return;
    if (!ok || !d.ttcm) return body.replaceChildren(h('p', { class: 'muted' }, 'Could not load details.'));
    const t = d.ttcm;
    body.replaceChildren(
      h('dl', { class: 'kv' },
        h('dt', { class: 'kv-key' }, 'Invite link'),
        h('dd', { class: 'kv-val' }, t.inviteLink
          ? h('a', { href: t.inviteLink, target: '_blank', rel: 'noopener noreferrer' }, t.inviteLink)
          : h('span', { class: 'muted' }, 'Not available. The brand has not shared an invite link yet. Use the campaign code instead.')),
        h('dt', { class: 'kv-key' }, 'Campaign code'),
        h('dd', { class: 'kv-val' }, h('code', { class: 'code' }, t.campaignCode)),
      ),
      h('div', { class: 'sow' }, h('strong', null, 'Statement of Work (excerpt)'), h('p', { style: 'margin:4px 0 0' }, t.sow)),
      h('p', { class: 'muted', style: 'font-size:12.5px' },
        'Open the invite link on your phone, or add the campaign code in the TikTok app under Content disclosure and ads.'),
    );
  });
}

// Retrieve my post without a page load.
const form = document.getElementById('retrieve-form');
if (form) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const btn = form.querySelector('button');
    const feedback = document.getElementById('retrieve-feedback');
    btn.disabled = true;
    btn.textContent = 'Retrieving…';
    feedback.replaceChildren();
    const { body } = await api(form.getAttribute('action'), { method: 'POST', body: '{}' });
    btn.disabled = false;
    btn.textContent = 'Retrieve my post';
    const outcome = body?.outcome ?? 'error';
    const message = body?.message ?? 'Something went wrong. Please try again.';
    if (outcome !== 'success') {
      feedback.replaceChildren(
        h('div', { class: `alert ${outcome === 'notFound' ? 'alert-warn' : 'alert-error'}`, role: 'alert' }, message),
      );
      return;
    }
    const t = body.task;
    feedback.replaceChildren(h('div', { class: 'alert alert-ok', role: 'status' }, message));
    document.getElementById('no-deliverable')?.remove();
    form.replaceWith(
      h('div', { class: 'deliverable', id: 'deliverable' },
        h('img', { class: 'thumb', src: t.deliverable.thumbUrl, alt: 'Thumbnail of your TikTok post' }),
        h('div', { style: 'min-width:0' },
          h('p', { style: 'margin:0 0 4px;font-weight:600' }, 'TikTok post'),
          h('a', { href: t.deliverable.postUrl, target: '_blank', rel: 'noopener noreferrer', style: 'word-break:break-all' }, t.deliverable.postUrl),
          h('p', { class: 'muted', style: 'margin:4px 0 0;font-size:12.5px' }, `Retrieved ${t.deliverable.atLabel}`))),
    );
    const chip = document.getElementById('task-status');
    if (chip) {
      chip.textContent = t.status;
      chip.className = 'chip chip-info';
    }
    const rowChip = document.querySelector(`#task-row-${t.id} .chip`);
    if (rowChip) {
      rowChip.textContent = t.status;
      rowChip.className = 'chip chip-info';
    }
    const log = document.querySelector('.log');
    if (log && t.activity[0]) log.prepend(h('li', { class: 'log-item' }, h('time', { class: 'log-time', datetime: t.activity[0].at }, t.activity[0].atLabel), h('span', null, t.activity[0].text)));
  });
}

// Escape closes the task details panel (it is a plain link back to the list).
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && document.getElementById('task-details')) document.querySelector('.panel-close')?.click();
});
