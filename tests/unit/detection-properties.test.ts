/**
 * Property tests (fast-check). Link validation: any string, any URL, any look-alike never
 * throws, and nothing is accepted that is not a plain https address on an allow-listed
 * TikTok host; well-formed TikTok links are accepted as shown. Page detection: random DOM
 * trees (with the words, roles, shadow roots and hostile values the real pages could hold)
 * never make detection or the overlay throw, and never yield an invalid invite link.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCampaignCode, checkInviteLink, MAX_CODE_LENGTH, TIKTOK_HOSTS } from '@/utils/invite-link';
import { findTtcmSections, readTtcm } from '@/utils/page/ttcm';
import { readDiscoveredTask } from '@/utils/page/task';
import { findCampaignTiles, findTikTokTiles } from '@/utils/page/tiles';
import { collectDiagnostics } from '@/utils/page/diagnostics';
import { findTaskRows } from '@/utils/page/retrieve';
import { DiscoveredTaskSchema } from '@/utils/tracker/schema';
import { mountOverlay, ourHosts } from './overlay-hostile-fixtures';

/**
 * What "a valid invite link" means, written independently of the checker: printable ASCII,
 * `https://` + an allow-listed host + path/query/fragment or nothing, and the WHATWG parser
 * agrees on scheme and host with no user name, password or port.
 */
function isAcceptableLink(value: string): boolean {
  const m = /^https:\/\/([A-Za-z0-9.-]+)([/?#][\x21-\x7E]*)?$/i.exec(value);
  if (!m || value.includes('\\')) return false;
  if (!TIKTOK_HOSTS.includes(m[1]!.toLowerCase())) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && TIKTOK_HOSTS.includes(url.hostname) && !url.username && !url.password && !url.port && url.hostname === m[1]!.toLowerCase();
}

const lookalikeHost = fc.oneof(
  fc.constantFrom(...TIKTOK_HOSTS),
  fc.constantFrom(...TIKTOK_HOSTS).map((h) => `${h}.evil.example`),
  fc.constantFrom(...TIKTOK_HOSTS).map((h) => `evil${h}`),
  fc.constantFrom(...TIKTOK_HOSTS).map((h) => h.replace('i', '\u0456')), // Cyrillic і
  fc.constantFrom(...TIKTOK_HOSTS).map((h) => h.replace(/\./g, '\uFF0E')), // full-width dot
  fc.constantFrom(...TIKTOK_HOSTS).map((h) => h.toUpperCase()),
  fc.constantFrom(...TIKTOK_HOSTS).map((h) => `${h}.`),
  fc.constantFrom('xn--tktok-n2e.com', 'tiktok.com.', '127.0.0.1', '[::1]', 'localhost', 'tiktok', ''),
  fc.domain(),
);
const scheme = fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:/', 'https:\\\\', 'https:///', 'javascript:', 'data:text/html,', 'ftp://', '//', '', 'https://user@', 'https://user:pw@', ' https://');
const tail = fc.oneof(
  fc.constant(''),
  fc.webPath(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('/t/ZT8abc123/', ':8443/t/x', '@evil.example/', '\\@evil.example/', '#@evil.example', '/t/\u202Eexe', '/t/a b', '/t/\u200Bx', '%2F%2Fevil.example', '?next=https://evil.example'),
);
const linkLike = fc.tuple(fc.constantFrom('', ' ', '\u200B', '\uFEFF', '\n'), scheme, lookalikeHost, tail, fc.constantFrom('', ' ', '\u2060', '\t')).map((p) => p.join(''));

describe('link validation, for any input', () => {
  it('never throws, and accepts only plain https links on an allow-listed TikTok host', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.webUrl({ withFragments: true, withQueryParameters: true }), linkLike), (raw) => {
        const result = checkInviteLink(raw);
        if (result.ok) {
          expect(isAcceptableLink(result.value), result.value).toBe(true);
          // What is accepted is accepted again unchanged (what is copied is what was checked).
          expect(checkInviteLink(result.value)).toEqual(result);
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('accepts every well-formed TikTok link exactly as shown (trimmed)', () => {
    const good = fc
      .tuple(fc.constantFrom(...TIKTOK_HOSTS), fc.webPath(), fc.webQueryParameters(), fc.constantFrom('', ' ', '\u200B', '\n'))
      .map(([host, path, query, pad]) => ({ link: `https://${host}${path || '/'}${query ? `?${query}` : ''}`, pad }));
    fc.assert(
      fc.property(good, ({ link, pad }) => {
        expect(checkInviteLink(`${pad}${link}${pad}`)).toEqual({ ok: true, value: link });
      }),
      { numRuns: 1000 },
    );
  });

  it('campaign codes: never throw; an accepted code has no space, markup, hidden character, and fits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/)), (raw) => {
        const result = checkCampaignCode(raw);
        if (result.ok) {
          expect(result.value.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
          expect(result.value).not.toMatch(/[\s<>"'`\p{Cc}\p{Cf}]/u);
          expect(raw).toContain(result.value);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/* ---------- random pages ---------- */

interface NodeSpec {
  tag: string;
  role?: string;
  attrs: [string, string][];
  text?: string;
  shadow: boolean;
  children: NodeSpec[];
}

const WORDS = [
  'TTCM Branded Content Details',
  'Invite link',
  'Campaign code',
  'TikTok',
  'Instagram',
  'Manage Tasks',
  'View Task Details',
  'Retrieve my post',
  'Participating',
  'Status: Awaiting submission',
  'TikTok Video pending approval',
  'Draft approved',
  'Campaign · Brand',
  'Maya Creates (Acct 1234567)',
  'Spark Ads authorization: 30 days',
  'Due Dec 15, 2026',
  'We couldn’t find your TikTok post yet.',
];
const VALUES = [
  'https://www.tiktok.com/t/ZT8abc123/',
  'https://vt.tiktok.com/ZSx/',
  'http://www.tiktok.com/t/x',
  'javascript:alert(1)',
  'https://tiktok.com.evil.example/x',
  'https://www.tiktok.com\\@evil.example/',
  'https://www\uFF0Etiktok.com/t/x',
  'K7Q2XW9M',
  '<img src=x onerror=alert(1)>',
  '\u200Bhttps://m.tiktok.com/v/1\u200B',
];
const text = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...VALUES), fc.string({ maxLength: 30 }));
const ids = fc.constantFrom('a', 'b', 'c', 'ttcm', 'title');
const attr = fc.oneof(
  fc.tuple(fc.constant('aria-label'), fc.oneof(fc.constantFrom('TikTok', 'Invite link', 'Campaign code', 'Platforms'), fc.string({ maxLength: 10 }))),
  fc.tuple(fc.constant('aria-expanded'), fc.constantFrom('true', 'false')),
  fc.tuple(fc.constant('aria-controls'), ids),
  fc.tuple(fc.constant('aria-labelledby'), ids),
  fc.tuple(fc.constant('id'), ids),
  fc.tuple(fc.constant('href'), fc.constantFrom(...VALUES)),
  fc.tuple(fc.constant('value'), fc.constantFrom(...VALUES)),
  fc.tuple(fc.constant('title'), text),
  fc.tuple(fc.constant('alt'), fc.constantFrom('TikTok', 'Instagram', '')),
  fc.tuple(fc.constant('data-testid'), fc.constantFrom('uicl-social-icon-tiktok', 'uicl-campaign-card', 'uicl-button', 'slideout')),
  fc.tuple(fc.constant('hidden'), fc.constant('')),
  fc.tuple(fc.constant('data-task-id'), fc.constantFrom('880101', '880102', 'x')),
);
const TAGS = ['div', 'span', 'a', 'button', 'input', 'details', 'summary', 'dl', 'dt', 'dd', 'aside', 'article', 'li', 'ul', 'h2', 'h3', 'p', 'code', 'img', 'svg', 'label', 'table', 'tr', 'td', 'x-widget'];

const nodeSpec: fc.Memo<NodeSpec> = fc.memo((depth) =>
  fc.record({
    tag: fc.constantFrom(...TAGS),
    role: fc.option(fc.constantFrom('dialog', 'button', 'tab', 'img', 'alert', 'status', 'listitem', 'article', 'heading'), { nil: undefined }),
    attrs: fc.array(attr, { maxLength: 3 }),
    text: fc.option(text, { nil: undefined }),
    shadow: fc.boolean(),
    children: depth <= 1 ? fc.constant([]) : fc.array(nodeSpec(depth - 1), { maxLength: 4 }),
  }),
);

function build(spec: NodeSpec, doc: Document): Element {
  const el = spec.tag === 'svg' ? doc.createElementNS('http://www.w3.org/2000/svg', 'svg') : doc.createElement(spec.tag);
  if (spec.role) el.setAttribute('role', spec.role);
  for (const [k, v] of spec.attrs) el.setAttribute(k, v);
  if (spec.tag === 'svg' && spec.text) {
    const title = doc.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = spec.text;
    el.append(title);
    return el;
  }
  const voidTag = spec.tag === 'input' || spec.tag === 'img';
  // Custom elements and some divs carry an open shadow root, as UICL components do.
  const target: ParentNode = spec.shadow && (spec.tag === 'x-widget' || spec.tag === 'div' || spec.tag === 'span') ? el.attachShadow({ mode: 'open' }) : el;
  if (!voidTag) {
    if (spec.text) target.append(doc.createTextNode(spec.text));
    for (const child of spec.children) target.append(build(child, doc));
  }
  return el;
}

const URLS = [
  'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?execution=e2s1&campaignId=41207&taskId=880101',
  'https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml?execution=e1s1#/joined',
  'https://app.impact.com/secure/mediapartner/home/pview.ihtml',
];

describe('page detection, for any page', () => {
  it('never throws, and never yields an invite link that fails the check', () => {
    fc.assert(
      fc.property(fc.array(nodeSpec(4), { minLength: 1, maxLength: 4 }), fc.constantFrom(...URLS), (specs, url) => {
        document.body.replaceChildren(...specs.map((s) => build(s, document)));
        for (const section of findTtcmSections(document)) {
          const r = readTtcm(section);
          if (r.inviteLink.state === 'valid') expect(isAcceptableLink(r.inviteLink.value), r.inviteLink.value).toBe(true);
          if (r.campaignCode.state === 'valid') expect(checkCampaignCode(r.campaignCode.value).ok).toBe(true);
          const seen = readDiscoveredTask(section, url);
          if (seen.task) {
            expect(DiscoveredTaskSchema.safeParse(seen.task).success).toBe(true);
            if (seen.task.inviteLink !== undefined) expect(isAcceptableLink(seen.task.inviteLink)).toBe(true);
          }
        }
        findCampaignTiles(document);
        findTikTokTiles(document);
        findTaskRows(document);
        collectDiagnostics(document, url);
      }),
      { numRuns: 250 },
    );
  }, 60_000);

  it('the overlay itself never throws on them, reports only valid links, and removes all it added when stopped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nodeSpec(4), { minLength: 1, maxLength: 4 }), fc.constantFrom(...URLS), async (specs, url) => {
        document.body.replaceChildren(...specs.map((s) => build(s, document)));
        const errors: unknown[] = [];
        // Synchronous passes: the first on start, the rest on demand.
        const { sent, controller, observer } = mountOverlay(url, [], { schedule: (run) => run(), onError: (_f, e) => errors.push(e) });
        observer.poke();
        expect(errors).toEqual([]);
        await Promise.resolve();
        for (const m of sent) if (m.type === 'taskSeen' && m.task.inviteLink !== undefined) expect(isAcceptableLink(m.task.inviteLink)).toBe(true);
        controller.abort();
        expect(ourHosts()).toHaveLength(0);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
