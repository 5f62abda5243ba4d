// What the fuzzed pages show: a deterministic random data set per seed, or the replica's scenario.
// Pure ES module. Shape (see generate.d.mts): { account, campaigns: [{ id, name, brand, description,
// endDate, platforms, tasks: [{ id, name, platform, status, dueDate, brief, ttcm, deliverable }] }] }.
import { Rng } from './rng.mjs';
import { parseStatus } from './words.mjs';
import { campaignsForAccount, accounts, defaultAccountId, generateLargeScenario, postUrlFor } from '../scenario.mjs';

export const PLATFORMS = ['tiktok', 'instagram', 'youtube', 'facebook'];
export const PLATFORM_LABELS = { tiktok: 'TikTok', instagram: 'Instagram', youtube: 'YouTube', facebook: 'Facebook' };

/**
 * The anatomy doc's rule for an invite link worth offering: an https: URL on a TikTok host.
 * Used only to fill `truth.inviteLinkValid`; it is the fixture's own statement of the rule.
 */
export function isTikTokInviteLink(value) {
  if (typeof value !== 'string') return false;
  let u;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  return host === 'tiktok.com' || host.endsWith('.tiktok.com');
}

const ADJ = ['Summer', 'Glow', 'Bold', 'Cozy', 'Midnight', 'Golden', 'Fresh', 'Urban', 'Wild', 'Crisp', 'Lucky', 'Daily'];
const NOUN = ['Serum', 'Trail Mix', 'Sneakers', 'Coffee', 'Knitwear', 'Candles', 'Headphones', 'Protein Bar', 'Lipstick', 'Backpack'];
const KIND = ['Launch', 'Challenge', 'Drop', 'Week', 'Series', 'Collab', 'Giveaway', 'Lookbook', 'Taste Test', 'Unboxing'];
const ODD_NAMES = [
  '春の新作コスメ キャンペーン',
  'حملة رمضان للأزياء',
  'Été ☀️ Glow — Édition spéciale',
  '🔥 Holiday Gift Guide 2026 🎁',
  'Ünïcödé Çafé Wëek',
  'Back to School: "Two Videos" & More',
  '<b>Bold</b> Drop & <i>Friends</i>',
  'Grüße aus München – Oktoberfest Edition',
  'The Extraordinarily Long-Running Multi-Platform Spring Wellness, Fitness, Nutrition and Mindfulness Creator Collaboration Campaign for North America and Europe (Phase 2 of 3)',
  '한국 뷰티 챌린지',
  'Новогодняя коллекция',
  'O\'Brien\'s Pub Crawl',
];
const BRANDS = ['Lumière Skincare', 'Northbound Outfitters', 'PixelForge Gaming', 'Hearth & Home Co.', 'Kinetic Kicks', 'さくら化粧品', 'دار الأناقة',
  'Roast & Co.', 'FuelUp Nutrition', 'Woolly & Co.', 'Vitality Labs International', 'Café Olé 🌶️', '"Quoted" Brand Ltd.', 'Ñandú Deportes'];
const DECOY_NAMES = ['TikTok Trends Recap', 'Not on TikTok: Reels Only', 'From TikTok to Instagram', 'TikTok-style Dance Challenge'];
const TIKTOK_TASK_NAMES = ['TikTok Video', 'TikTok Video – Unboxing', 'TikTok Video – Styling', 'TikTok動画', 'Vidéo TikTok', 'Short-form video #2', 'TT Spark post', '🎬 Reaction clip'];
const OTHER_TASK_NAMES = { instagram: ['Instagram Reel', 'Instagram Story', 'Instagram Post'], youtube: ['YouTube Video', 'YouTube Short'], facebook: ['Facebook Post', 'Facebook Reel'], null: ['Content brief sign-off', 'Add tracking link to bio', 'Product feedback form'] };
const CODE_ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SLUG_ALPHA = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const AUTH_DAYS = [7, 30, 60, 90, 180, 365];

/** Valid TikTok invite link hosts: www / vt / vm / m and two TikTok One-like hosts. */
export const LINK_HOSTS = ['www', 'vt', 'vm', 'm', 'ads', 'creatormarketplace'];
export function tiktokLink(rng, host = rng.pick(LINK_HOSTS)) {
  const slug = rng.chars(rng.int(7, 12), SLUG_ALPHA);
  switch (host) {
    case 'www':
      return rng.chance(0.3) ? `https://www.tiktok.com/t/ZT${slug}/?lang=${rng.pick(['en', 'fr', 'ja', 'ar'])}` : `https://www.tiktok.com/t/ZT${slug}/`;
    case 'vt':
      return `https://vt.tiktok.com/ZS${slug}/`;
    case 'vm':
      return `https://vm.tiktok.com/ZM${slug}/`;
    case 'm':
      return `https://m.tiktok.com/t/ZT${slug}/`;
    case 'ads':
      return `https://ads.tiktok.com/creative/forpartner/invite/${slug}?region=${rng.pick(['US', 'GB', 'FR', 'JP'])}`;
    default:
      return `https://creatormarketplace.tiktok.com/invite/${slug}?from=impact`;
  }
}
/** Links that must NOT be offered (anatomy doc: https on a TikTok host only). */
export const BAD_LINK_KINDS = ['http', 'lookalike-host', 'javascript', 'suffix-host', 'typo-host'];
export function badLink(rng, kind = rng.pick(BAD_LINK_KINDS)) {
  const slug = rng.chars(9, SLUG_ALPHA);
  switch (kind) {
    case 'http':
      return `http://www.tiktok.com/t/ZT${slug}/`;
    case 'lookalike-host':
      return `http://tiktok.com.evil.example/t/ZT${slug}/`;
    case 'javascript':
      return `javascript:alert(document.domain)//https://www.tiktok.com/t/ZT${slug}/`;
    case 'suffix-host':
      return `https://vt.tiktok.com.evil.example/ZS${slug}/`;
    default:
      return `https://www.tlktok.com/t/ZT${slug}/`;
  }
}
export function campaignCode(rng) {
  const n = rng.int(6, 16);
  let s = rng.chars(n, CODE_ALPHA);
  if (n >= 8 && rng.chance(0.3)) {
    const at = rng.int(3, n - 4);
    s = s.slice(0, at) + '-' + s.slice(at + 1);
  }
  return s;
}

const isoDay = (rng, year = 2027) => `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

/**
 * A deterministic random data set for a seed: 3–12 campaigns, some with a TikTok task, some with
 * Instagram / YouTube / Facebook only or no platform, a few decoys with "TikTok" in the name or
 * description and no TikTok task; 1–4 tasks per campaign; numeric string ids.
 */
export function randomData(seed) {
  const rng = new Rng(seed, 'data');
  const n = rng.int(3, 12);
  const usedC = new Set();
  const usedT = new Set();
  const cid = () => {
    let id;
    do id = String(rng.int(10000, 99999));
    while (usedC.has(id));
    usedC.add(id);
    return id;
  };
  const tid = () => {
    let id;
    do id = String(rng.int(100000, 9999999));
    while (usedT.has(id));
    usedT.add(id);
    return id;
  };
  const campaigns = [];
  // at least one TikTok campaign and one without
  const kinds = Array.from({ length: n }, (_, i) => (i === 0 ? 'tiktok' : i === 1 ? 'other' : rng.weighted([['tiktok', 45], ['other', 40], ['decoy', 15]])));
  for (const kind of rng.shuffle(kinds)) {
    const nTasks = rng.int(1, 4);
    const tasks = [];
    const ttIndex = kind === 'tiktok' ? rng.int(0, nTasks - 1) : -1;
    for (let k = 0; k < nTasks; k++) {
      const platform = k === ttIndex ? 'tiktok' : kind === 'tiktok' && rng.chance(0.2) ? 'tiktok' : rng.weighted([['instagram', 3], ['youtube', 3], ['facebook', 1], [null, 2]]);
      const pool = platform === 'tiktok' ? TIKTOK_TASK_NAMES : OTHER_TASK_NAMES[String(platform)];
      let name = rng.pick(pool);
      if (tasks.some((t) => t.name === name)) name = `${name} ${tasks.length + 1}`;
      const id = tid();
      const submitted = platform === 'tiktok' && rng.chance(0.1);
      let status;
      if (submitted) status = { key: 'pendingApproval', task: name };
      else if (platform === null) status = rng.pick([{ key: 'completed' }, { key: 'inProgress' }, { key: 'notStarted' }]);
      else
        status = rng.weighted([
          [{ key: 'awaitingSubmission' }, 5], [{ key: 'notStarted' }, 2], [{ key: 'inProgress' }, 2], [{ key: 'awaitingReview' }, 1],
          [{ key: 'waitingFor', task: tasks[0]?.name ?? 'Draft approval' }, 1], [{ key: 'rejected', task: name }, 1], [{ key: 'approved', task: name }, 1],
        ]);
      let ttcm = null;
      if (platform === 'tiktok') {
        const linkKind = rng.weighted([['valid', 75], ['invalid', 15], ['none', 10]]);
        const inviteLink = linkKind === 'valid' ? tiktokLink(rng) : linkKind === 'invalid' ? badLink(rng) : null;
        const code = linkKind !== 'none' && rng.chance(0.1) ? null : campaignCode(rng);
        ttcm = { inviteLink, campaignCode: code, authorizationDays: rng.pick(AUTH_DAYS) };
      }
      tasks.push({
        id,
        name,
        platform,
        status,
        dueDate: isoDay(rng),
        brief: platform === 'tiktok' ? 'One original vertical video, 20–60 s, with the Paid Partnership label on.' : 'See the brief attached to the campaign.',
        ttcm,
        deliverable: submitted ? { postUrl: postUrlFor(id, '@creator') } : null,
      });
    }
    const platforms = PLATFORMS.filter((p) => tasks.some((t) => t.platform === p));
    let name = rng.chance(0.35) ? rng.pick(ODD_NAMES) : `${rng.pick(ADJ)} ${rng.pick(NOUN)} ${rng.pick(KIND)}`;
    let description = rng.pick(['Create authentic content for the new season.', 'Show how you use the product every day.', 'Honest reviews welcome.']);
    if (kind === 'decoy') {
      if (rng.chance(0.5)) name = `${rng.pick(DECOY_NAMES)} ${rng.int(1, 99)}`;
      else description = 'Repurpose your TikTok ideas as Instagram Reels (no TikTok posting in this campaign).';
    }
    while (campaigns.some((c) => c.name === name)) name = `${name} (${campaigns.length + 1})`;
    campaigns.push({ id: cid(), name, brand: rng.pick(BRANDS), description, endDate: isoDay(rng), platforms, tasks });
  }
  return { account: { id: '1234567', name: 'Maya Creates', handle: '@mayacreates' }, campaigns };
}

/**
 * The replica scenario's participating campaigns (tests/replica/scenario.mjs) in the fuzzer's shape, so that
 * pages fuzzed from it match the replica server's retrieve API and `/__replica/retrieves` log.
 * `state` (optional, the server's `/__replica/state`) adds retrieved posts and changed statuses.
 * `tiles` > 0: the first `tiles` generated campaigns instead (generateLargeScenario, as the hand-written families
 * show with the server's `tileCount`; every third has a TikTok task), for benchmarks (`?tiles=N` in the browser).
 */
export function scenarioData(state = {}, accountId = defaultAccountId, { tiles = 0 } = {}) {
  const acct = accounts.find((a) => a.id === accountId) ?? accounts[0];
  const submitted = state.submitted ?? {};
  const status = state.status ?? {};
  const source = tiles > 0 ? generateLargeScenario(tiles, acct.id).campaigns : campaignsForAccount(acct.id);
  return {
    account: { id: acct.id, name: acct.name, handle: acct.handle },
    campaigns: source.map((c) => ({
      id: c.id,
      name: c.name,
      brand: c.brand,
      description: c.tasks[0]?.brief ?? '',
      endDate: c.endDate,
      platforms: [...c.platforms],
      tasks: c.tasks.map((t) => {
        const sub = submitted[t.id] ?? t.initialSubmission ?? null;
        return {
          id: t.id,
          name: t.name,
          platform: t.platform,
          status: parseStatus(status[t.id] ?? t.status),
          dueDate: t.dueDate,
          brief: t.brief,
          ttcm: t.ttcm ? { inviteLink: t.ttcm.inviteLink, campaignCode: t.ttcm.campaignCode, authorizationDays: t.ttcm.authWindowDays } : null,
          deliverable: sub ? { postUrl: sub.postUrl } : null,
        };
      }),
    })),
  };
}
