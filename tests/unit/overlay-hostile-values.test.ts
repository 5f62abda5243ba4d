/**
 * Bad input, table-driven, through the real detection and the real injected controls on
 * replica DOM snapshots of every markup family: each hostile invite link, campaign code,
 * name or page shape ends in what the creator should see (the exact value copied, or an
 * alert and no buttons, or nothing at all), and page text is never inserted as markup.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/dom';
import * as S from '../replica/scenario.mjs';
import { FAMILIES, loadFixture, type Family } from './fixtures/load-fixture';
import { copyFrom, expectNoInjectedMarkup, groups, mountOverlay, ourHosts, replaceShown, settled, spyClipboard, type Mounted } from './overlay-hostile-fixtures';
import { collectDiagnostics } from '@/utils/page/diagnostics';
import { alreadySubmitted, retrievePost } from '@/utils/page/retrieve';
import { findTtcmSections } from '@/utils/page/ttcm';
import { readDiscoveredTask } from '@/utils/page/task';
import { taskKey } from '@/utils/tracker/schema';
import { noteWords } from '@/utils/page/diagnostic-notes';
import { trackedTask } from './tracked-task';

const glow = S.findTask(S.ids.tiktokOnly.taskId)!;
const LINK = glow.task.ttcm!.inviteLink!;
const CODE = glow.task.ttcm!.campaignCode!;
const folded = (s: string) => s.replace(/\s+/g, ' ').trim();

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.controller.abort();
  mounted = undefined;
  ourHosts().forEach((h) => h.remove());
});

async function open(family: Family, change: () => void, fixture = 'details-expanded') {
  const { url } = loadFixture(`${family}-${fixture}`);
  change();
  const spy = spyClipboard();
  mounted = mountOverlay(url);
  await settled();
  return { url, spy, m: mounted };
}

async function seenTask(m: Mounted) {
  await waitFor(() => expect(m.seen().length).toBeGreaterThan(0));
  return m.seen().at(-1)!;
}

/** What the creator sees next to a value. */
type Outcome = { copy: string } | { alert: RegExp } | 'nothing';

interface ValueCase {
  name: string;
  /** The value as the page shows it (replaces the scenario's value everywhere it appears). */
  shown?: string;
  /** A page shape the generic swap cannot make. */
  setup?: (family: Family) => void;
  expect: Outcome;
  families?: readonly Family[];
}

const ZW = '\u200B';
const LONG = `https://www.tiktok.com/t/${'Z'.repeat(3000)}/`;

const LINK_CASES: ValueCase[] = [
  { name: 'javascript: URL', shown: 'javascript:alert(document.domain)//https://www.tiktok.com/t/x/', expect: { alert: /uses javascript, not https/ } },
  { name: 'data: URL holding a script', shown: 'data:text/html,<script>alert(1)</script>', expect: { alert: /uses data, not https/ } },
  { name: 'http: TikTok link', shown: 'http://www.tiktok.com/t/ZT8abc123/', expect: { alert: /uses http, not https/ } },
  { name: 'look-alike host (tiktok.com.evil.example)', shown: 'https://tiktok.com.evil.example/t/ZT8abc123/', expect: { alert: /tiktok\.com\.evil\.example is not a TikTok host/ } },
  { name: 'look-alike host (eviltiktok.com)', shown: 'https://eviltiktok.com/t/ZT8abc123/', expect: { alert: /eviltiktok\.com is not a TikTok host/ } },
  { name: 'punycode homograph (xn--)', shown: 'https://www.xn--tktok-n2e.com/t/ZT8abc123/', expect: { alert: /xn--tktok-n2e\.com is not a TikTok host/ } },
  { name: 'Cyrillic homograph written out', shown: 'https://www.t\u0456ktok.com/t/ZT8abc123/', expect: { alert: /xn--tktok-n2e\.com is not a TikTok host/ } },
  { name: '@ userinfo: TikTok as user name', shown: 'https://www.tiktok.com@evil.example/t/x', expect: { alert: /hides a user name/ } },
  { name: '@ userinfo: TikTok host after a user name', shown: 'https://evil.example@www.tiktok.com/t/x', expect: { alert: /hides a user name/ } },
  { name: 'backslash before @ (parsers disagree on the host)', shown: 'https://www.tiktok.com\\@evil.example/t/x', expect: { alert: /not written as a plain https address/ } },
  { name: 'full-width dots in the host', shown: 'https://www\uFF0Etiktok\uFF0Ecom/t/ZT8abc123/', expect: { alert: /not written as a plain https address/ } },
  { name: 'scheme with one slash', shown: 'https:/www.tiktok.com/t/ZT8abc123/', expect: { alert: /not written as a plain https address/ } },
  { name: 'unusual port', shown: 'https://www.tiktok.com:8443/t/ZT8abc123/', expect: { alert: /unusual port/ } },
  { name: 'no scheme', shown: 'www.tiktok.com/t/ZT8abc123/', expect: { alert: /not a web address/ } },
  { name: 'very long URL', shown: LONG, expect: { alert: /too long/ } },
  { name: 'zero-width and spaces around a valid link', shown: `  ${ZW}\uFEFF${LINK}${ZW} \u2060`, expect: { copy: LINK } },
  { name: 'zero-width character inside the host', shown: `https://www.tik${ZW}tok.com/t/ZT8abc123/`, expect: { alert: /hidden characters/ } },
  { name: 'bidi override inside the path', shown: 'https://www.tiktok.com/t/\u202Egnp.exe', expect: { alert: /hidden characters/ } },
  { name: 'two links in one field', shown: `${LINK} https://vt.tiktok.com/ZSx7Lm2Qp/`, expect: { alert: /more than one link/ } },
  { name: 'markup in the link field', shown: 'https://www.tiktok.com/t/<img src=x onerror=alert(1)>', expect: { alert: /spaces or line breaks/ } },
  { name: 'upper-case TikTok address (valid, copied as shown)', shown: 'HTTPS://VT.TIKTOK.COM/ZSx7Lm2Qp/', expect: { copy: 'HTTPS://VT.TIKTOK.COM/ZSx7Lm2Qp/' } },
  {
    name: 'link text says TikTok, target goes elsewhere',
    families: ['semantic'],
    setup: () => {
      const a = Array.from(document.querySelectorAll('a')).find((x) => x.getAttribute('href') === LINK)!;
      a.setAttribute('href', 'https://evil.example/t/ZT8abc123/');
    },
    expect: { alert: /more than one link/ },
  },
  {
    name: 'two link elements in one field',
    families: ['semantic'],
    setup: () => {
      const a = Array.from(document.querySelectorAll('a')).find((x) => x.getAttribute('href') === LINK)!;
      const other = a.cloneNode(true) as HTMLAnchorElement;
      other.setAttribute('href', 'https://vt.tiktok.com/ZSx7Lm2Qp/');
      other.textContent = 'https://vt.tiktok.com/ZSx7Lm2Qp/';
      a.after(' or ', other);
    },
    expect: { alert: /more than one link/ },
  },
  { name: 'empty field', shown: '', expect: 'nothing' },
];

const CODE_CASES: ValueCase[] = [
  { name: 'empty code', shown: '', expect: 'nothing' },
  { name: 'huge code', shown: 'K'.repeat(5000), expect: { alert: /too long/ } },
  { name: 'code with HTML', shown: '<b onmouseover=alert(1)>K7Q2</b>', expect: { alert: /markup/ } },
  { name: 'code with a line break', shown: 'K7Q2\nXW9M', expect: { alert: /spaces, line breaks/ } },
  { name: 'code with a bidi override', shown: 'K7Q2\u202EXW9M', expect: { alert: /hidden characters/ } },
  { name: 'code with zero-width and spaces around it', shown: ` ${ZW}${CODE}\uFEFF  `, expect: { copy: CODE } },
  { name: 'code with a script-looking word but no markup', shown: 'javascript:alert(1)', expect: { copy: 'javascript:alert(1)' } },
];

function valueCases(cases: ValueCase[]) {
  return cases.flatMap((c) => (c.families ?? FAMILIES).map((family) => ({ ...c, family, title: `${family}: ${c.name}` })));
}

describe('invite links: what the creator sees', () => {
  it.each(valueCases(LINK_CASES))('$title', async (c) => {
    const { m, spy } = await open(c.family, () => (c.setup ? c.setup(c.family) : expect(replaceShown(LINK, c.shown!)).toBeGreaterThan(0)));
    const box = groups('ttcm-invite-link');
    const task = await seenTask(m);
    if (c.expect === 'nothing') {
      expect(box).toHaveLength(0);
      expect(task.inviteLink).toBeUndefined();
      expect(task.inviteLinkProblem).toBeUndefined();
    } else if ('copy' in c.expect) {
      expect(box).toHaveLength(1);
      expect(await copyFrom(box[0]!, 'Copy invite link', spy)).toBe(c.expect.copy);
      within(box[0]!).getByRole('button', { name: 'Show QR code' }).click();
      await waitFor(() => expect(document.querySelector('[data-tiktok-helper="qr-dialog"]')).not.toBeNull()); // put into the frame by the worker first
      const dialog = within(groups('qr-dialog')[0]!).getByRole('dialog', { name: 'Invite link QR code' });
      expect(within(dialog).getByText(c.expect.copy, { exact: true })).toBeInTheDocument();
      expect(task.inviteLink).toBe(c.expect.copy);
    } else {
      expect(box).toHaveLength(1);
      const alert = within(box[0]!).getByRole('alert');
      expect(alert).toHaveTextContent('not a TikTok link');
      expect(alert.textContent).toMatch(c.expect.alert);
      expect(within(box[0]!).queryAllByRole('button')).toHaveLength(0);
      expect(task.inviteLink).toBeUndefined();
      expect(task.inviteLinkProblem).toMatch(c.expect.alert);
    }
    // Nowhere else on the page is the link offered either.
    const offered = groups('ttcm-invite-link').flatMap((b) => within(b).queryAllByRole('button', { name: 'Copy invite link' }));
    expect(offered).toHaveLength('copy' in Object(c.expect) ? 1 : 0);
    expectNoInjectedMarkup();
  });
});

describe('campaign codes: what the creator sees', () => {
  it.each(valueCases(CODE_CASES))('$title', async (c) => {
    const { m, spy } = await open(c.family, () => expect(replaceShown(CODE, c.shown!)).toBeGreaterThan(0));
    const box = groups('ttcm-campaign-code');
    const task = await seenTask(m);
    if (c.expect === 'nothing') {
      expect(box).toHaveLength(0);
      expect(task.campaignCode).toBeUndefined();
    } else if ('copy' in c.expect) {
      expect(box).toHaveLength(1);
      expect(await copyFrom(box[0]!, 'Copy campaign code', spy)).toBe(c.expect.copy);
      expect(task.campaignCode).toBe(c.expect.copy);
    } else {
      expect(box).toHaveLength(1);
      const alert = within(box[0]!).getByRole('alert');
      expect(alert).toHaveTextContent('This campaign code is not offered');
      expect(alert.textContent).toMatch(c.expect.alert);
      expect(within(box[0]!).queryAllByRole('button')).toHaveLength(0);
      expect(task.campaignCode).toBeUndefined();
    }
    // The invite link next to it is unaffected.
    expect(task.inviteLink).toBe(LINK);
    expectNoInjectedMarkup();
  });
});

interface NameCase {
  name: string;
  campaign?: string;
  task?: string;
  status?: string;
}

const NAME_CASES: NameCase[] = [
  { name: 'campaign name that is an HTML image with a handler', campaign: '<img src=x onerror=alert(1)>' },
  { name: 'task name with a script element', task: '<script>alert("xss")</script> TikTok Video' },
  { name: 'task name with an attribute-breaking quote', task: '"><svg onload=alert(1)> Video' },
  { name: 'right-to-left names with a bidi override', campaign: 'إطلاق سيروم الصيف', task: '\u202Eفيديو تيك توك' },
  { name: 'emoji and ZWJ sequences', campaign: '🎬 Summer Glow 🔥✨', task: 'TikTok 🎥 Video 👩🏽‍💻' },
  { name: 'status with HTML', status: 'Waiting for <b>brand</b> <i>review</i>' },
  { name: 'names with line breaks and tabs', campaign: 'Summer\n\tGlow   Launch', task: 'TikTok\nVideo  #1' },
];

describe('names and statuses: recorded and shown as text', () => {
  it.each(NAME_CASES.flatMap((c) => FAMILIES.map((family) => ({ ...c, family, title: `${family}: ${c.name}` }))))('$title', async (c) => {
    const { m } = await open(c.family, () => {
      if (c.campaign) expect(replaceShown(glow.campaign.name, c.campaign)).toBeGreaterThan(0);
      if (c.task) expect(replaceShown(glow.task.name, c.task, { exactText: true })).toBeGreaterThan(0);
      if (c.status) expect(replaceShown(glow.task.status, c.status, { exactText: true })).toBeGreaterThan(0);
    });
    const task = await seenTask(m);
    expect(task.campaignName).toBe(folded(c.campaign ?? glow.campaign.name));
    expect(task.taskName).toBe(folded(c.task ?? glow.task.name));
    if (c.status) expect(task.impactStatus).toBe(folded(c.status));
    // The QR dialog names the campaign and the task: as text, exactly.
    within(groups('ttcm-invite-link')[0]!).getByRole('button', { name: 'Show QR code' }).click();
    await waitFor(() => expect(document.querySelector('[data-tiktok-helper="qr-dialog"]')).not.toBeNull()); // put into the frame by the worker first
    const dialog = within(groups('qr-dialog')[0]!).getByRole('dialog');
    expect(Array.from(dialog.querySelectorAll('p.note'), (p) => p.textContent)).toEqual([`${folded(c.campaign ?? glow.campaign.name)} · ${folded(c.task ?? glow.task.name)}`]);
    expectNoInjectedMarkup();
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it.each(FAMILIES)('%s: a campaign name too long to be real is not tracked, and Mark as posted says why', async (family) => {
    const { m } = await open(family, () => replaceShown(glow.campaign.name, 'Glow '.repeat(120)));
    const box = groups('ttcm-task')[0]!;
    within(box).getByRole('button', { name: 'Mark as posted' });
    expect(within(box).getByRole('button', { name: 'Mark as posted' })).toBeDisabled();
    expect(m.seen()).toEqual([]);
    expect([...m.ctx.problems.values()].map((p) => noteWords(p)).join(' ')).toMatch(/Task details not readable: campaignName/);
    // The link itself is still offered: copying does not need the tracker.
    expect(within(groups('ttcm-invite-link')[0]!).getByRole('button', { name: 'Copy invite link' })).toBeInTheDocument();
  });
});

describe('page shapes', () => {
  it.each(FAMILIES)('%s: no TTCM drop-down: nothing is added, nothing recorded, diagnostics say no section', async (family) => {
    const { url } = loadFixture(`${family}-details-expanded`);
    const label = Array.from(document.querySelectorAll('summary, button, [role="button"]')).find((e) => e.textContent?.includes('TTCM Branded Content Details'))!;
    const section = label.closest('details, .iui-disclosure, [class]')!.parentElement!.querySelectorAll(':scope > *');
    // Remove the toggle and its content, whatever wraps them.
    (label.closest('details') ?? label.parentElement!).remove();
    expect(section.length).toBeGreaterThan(0);
    mounted = mountOverlay(url);
    await new Promise((r) => setTimeout(r, 20));
    expect(ourHosts()).toHaveLength(0);
    expect(mounted.sent).toEqual([]);
    expect(collectDiagnostics(document, url).ttcmSections).toBe(0);
  });

  it.each(FAMILIES)('%s: two TTCM sections (two tasks’ details on the page): each offers its own link and code', async (family) => {
    const { url } = loadFixture(`${family}-details-expanded`);
    const panel = document.querySelector('aside, [role="dialog"]')!;
    const twin = panel.cloneNode(true) as Element;
    for (const el of [twin, ...Array.from(twin.querySelectorAll('[id]'))]) if (el.id) el.id = `${el.id}-2`;
    for (const el of Array.from(twin.querySelectorAll('[aria-labelledby], [aria-controls]'))) {
      for (const a of ['aria-labelledby', 'aria-controls']) if (el.getAttribute(a)) el.setAttribute(a, `${el.getAttribute(a)}-2`);
    }
    if (twin.getAttribute('aria-labelledby')) twin.setAttribute('aria-labelledby', `${twin.getAttribute('aria-labelledby')}-2`);
    panel.after(twin);
    // The clone is another task: other name, link and code (uicl keeps the link in a shadow root).
    const swap = (from: string, to: string) => {
      for (const n of Array.from(twin.querySelectorAll('*'))) {
        for (const c of Array.from(n.childNodes)) if (c.nodeType === 3 && c.nodeValue?.trim() === from) c.nodeValue = to;
        if (n.getAttribute('href') === from) n.setAttribute('href', to);
        if (n.getAttribute('value') === from) n.setAttribute('value', to);
        if (n.localName === 'iui-copy-field') {
          const tpl = n.querySelector('template');
          const input = (n.shadowRoot ?? tpl?.content)?.querySelector('input');
          if (input?.getAttribute('value') === from) input.setAttribute('value', to);
        }
      }
    };
    swap(glow.task.name, 'TikTok Video – Second');
    swap(LINK, 'https://vt.tiktok.com/ZSsecond/');
    swap(CODE, 'SECOND2');
    if (family === 'uicl') {
      // cloneNode does not clone shadow roots: give the twin's copy field its own.
      const field = twin.querySelector('iui-copy-field')!;
      const original = panel.querySelector('iui-copy-field')!.shadowRoot!;
      const root = field.attachShadow({ mode: 'open' });
      for (const c of Array.from(original.childNodes)) root.append(c.cloneNode(true));
      root.querySelector('input')!.setAttribute('value', 'https://vt.tiktok.com/ZSsecond/');
      root.querySelector('input')!.value = 'https://vt.tiktok.com/ZSsecond/';
    }
    const spy = spyClipboard();
    mounted = mountOverlay(url);
    await settled('ttcm-task', 2);
    const links = groups('ttcm-invite-link');
    expect(links).toHaveLength(2);
    const copied = [];
    for (const box of links) copied.push(await copyFrom(box, 'Copy invite link', spy));
    expect(copied).toEqual([LINK, 'https://vt.tiktok.com/ZSsecond/']);
    const codes = [];
    for (const box of groups('ttcm-campaign-code')) codes.push(await copyFrom(box, 'Copy campaign code', spy));
    expect(codes).toEqual([CODE, 'SECOND2']);
    await waitFor(() => expect(mounted!.seen()).toHaveLength(2));
    // The address names one task id; with two sections it is given to neither (never to the wrong one).
    expect(mounted.seen().map((t) => t.taskId)).toEqual([undefined, undefined]);
    expect(mounted.seen().map((t) => [t.taskName, t.inviteLink, t.campaignCode])).toEqual([
      [glow.task.name, LINK, CODE],
      ['TikTok Video – Second', 'https://vt.tiktok.com/ZSsecond/', 'SECOND2'],
    ]);
    // Mark as posted in the second section marks the second task.
    within(groups('ttcm-task')[1]!).getByRole('button', { name: 'Mark as posted' }).click();
    await waitFor(() => expect(mounted!.sent.at(-1)).toMatchObject({ type: 'markPosted', key: taskKey(mounted!.seen()[1]!) }));
  });

  it.each(FAMILIES)('%s: a status wording we do not know is left unread, never taken from the draft’s “approved”', async (family) => {
    const { url } = loadFixture(`${family}-details-expanded`);
    expect(replaceShown(glow.task.status, 'Awaiting posting', { exactText: true })).toBeGreaterThan(0);
    const panel = document.querySelector('aside, [role="dialog"]')!;
    // The retrieve flow would otherwise take "… Draft approved" for the task and report Submitted without pressing.
    expect(alreadySubmitted(panel)).toBe(false);
    const task = readDiscoveredTask(findTtcmSections(document)[0]!, url).task!;
    expect(task.impactStatus ?? '').not.toMatch(/draft/i);
    if (family === 'semantic') expect(task.impactStatus).toBe('Awaiting posting'); // labelled "Status:"
  });

  it.each(FAMILIES)('%s: duplicated ids on the page do not make us read another element’s value', async (family) => {
    const { url } = loadFixture(`${family}-details-expanded`);
    // A stray element earlier in the page reuses every id of the details panel, with other text.
    const panel = document.querySelector('aside, [role="dialog"]')!;
    const decoys = document.createElement('div');
    for (const el of [panel, ...Array.from(panel.querySelectorAll('[id]'))]) {
      if (!el.id) continue;
      const d = document.createElement('div');
      d.id = el.id;
      d.textContent = 'Invite link https://vt.tiktok.com/ZSdecoy/ Other task';
      decoys.append(d);
    }
    document.body.prepend(decoys);
    // jsdom resolves a duplicated id to the element registered first; browsers to the first in
    // document order. Re-insert the panel so both agree on the decoy.
    const [parent, next] = [panel.parentNode!, panel.nextSibling];
    panel.remove();
    parent.insertBefore(panel, next);
    expect(document.getElementById(panel.getAttribute('aria-labelledby')!)?.textContent).toMatch(/decoy/);
    const spy = spyClipboard();
    mounted = mountOverlay(url);
    await settled();
    const task = await seenTask(mounted);
    expect(task.taskName).toBe(glow.task.name);
    expect(await copyFrom(groups('ttcm-invite-link')[0]!, 'Copy invite link', spy)).toBe(LINK);
  });

  it.each(FAMILIES)('%s: a tile with TikTok and other icons gets one status; tiles without TikTok get nothing', async (family) => {
    const { url } = loadFixture(`${family}-participating`);
    mounted = mountOverlay(url);
    const mine = S.campaignsForAccount();
    const tiktok = mine.filter((c) => c.platforms.includes('tiktok'));
    await settled('tile', tiktok.length);
    const hostsIn = (name: string) =>
      Array.from(document.querySelectorAll('[data-tiktok-helper="tile"]')).filter((h) => (h.parentElement?.textContent ?? '').includes(name));
    const all = mine.find((c) => c.platforms.length >= 3 && c.platforms.includes('tiktok'))!;
    expect(hostsIn(all.name)).toHaveLength(1);
    expect(within(hostsIn(all.name)[0]!.shadowRoot!.querySelector('.box') as HTMLElement).getAllByRole('status')).toHaveLength(1);
    for (const c of mine.filter((x) => !x.platforms.includes('tiktok'))) expect(hostsIn(c.name)).toHaveLength(0);
    expectNoInjectedMarkup();
  });

  it.each(FAMILIES)('%s: a tile names its tracked task exactly, whatever the name holds ("$&", "{task}")', async (family) => {
    const { url } = loadFixture(`${family}-participating`);
    const name = 'Glow $& $1 $$ {task} up';
    mounted = mountOverlay(url, [trackedTask({ taskName: name })]);
    await settled('tile', S.campaignsForAccount().filter((c) => c.platforms.includes('tiktok')).length);
    const titles = groups('tile').flatMap((box) => Array.from(box.querySelectorAll('.chip'), (chip) => chip.getAttribute('title')));
    expect(titles).toContain(`TikTok: ${name}`);
    expectNoInjectedMarkup();
  });

  it.each(FAMILIES)('%s: details of one task shown while the other was marked: its section acts for the shown task only', async (family) => {
    const [first, second] = S.ids.twoTikTokTasks.taskIds.map((id) => S.findTask(id)!);
    const { url } = loadFixture(`${family}-details-second-of-two`);
    // The tracker knows the FIRST task as posted; the page shows the SECOND.
    const firstTracked = trackedTask({
      key: taskKey({ accountId: '1234567', campaignId: first!.campaign.id, campaignName: first!.campaign.name, taskId: family === 'hashed' ? undefined : first!.task.id, taskName: first!.task.name }),
      campaignId: first!.campaign.id,
      campaignName: first!.campaign.name,
      brand: first!.campaign.brand,
      taskName: first!.task.name,
      taskUrl: url,
      state: 'posted',
    });
    const spy = spyClipboard();
    mounted = mountOverlay(url, [firstTracked]);
    await settled();
    const box = groups('ttcm-task')[0]!;
    expect(within(box).getByText('Tracker: Not started')).toBeInTheDocument();
    within(box).getByRole('button', { name: 'Mark as posted' }).click();
    const task = await seenTask(mounted);
    expect(task.taskName).toBe(second!.task.name);
    await waitFor(() => expect(mounted!.sent.at(-1)).toEqual({ type: 'markPosted', key: taskKey(task) }));
    expect(taskKey(task)).not.toBe(firstTracked.key);
    expect(await copyFrom(groups('ttcm-invite-link')[0]!, 'Copy invite link', spy)).toBe(second!.task.ttcm!.inviteLink);
  });

  it.each(FAMILIES)('%s: the worker asks to retrieve one task while the page shows another: the shown task’s button is never pressed', async (family) => {
    const [first] = S.ids.twoTikTokTasks.taskIds.map((id) => S.findTask(id)!);
    const { url } = loadFixture(`${family}-details-second-of-two`);
    const pressed: string[] = [];
    document.addEventListener('click', (e) => pressed.push((e.target as Element).textContent?.trim() ?? ''), true);
    let now = 0;
    const result = await retrievePost(
      { key: 'k', campaignId: first!.campaign.id, campaignName: first!.campaign.name, taskId: first!.task.id, taskName: first!.task.name },
      'attempt-1',
      {
        doc: document,
        url: () => url,
        now: () => now,
        sleep: async (ms) => void (now += ms),
        clicks: null,
        timeouts: { open: 1000, answer: 1000 },
      },
    );
    expect(pressed.filter((t) => /retrieve my post/i.test(t))).toEqual([]);
    expect(result.outcome).toBe('notHere');
  });
});
