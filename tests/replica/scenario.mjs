// All data shown by the impact.com replica, in one place.
// Tests import expected values from here; the server only reads it.
// Everything is plain data: ids are stable, nothing depends on the clock.

/** Visible wording the replica uses for outcomes (English UI). */
export const messages = {
  retrieveNotFound:
    "We couldn't find your TikTok post yet. It can take up to 24 hours for TikTok to make it available. Please try again later.",
  retrieveError: 'Something went wrong. Please try again.',
  retrieveSuccess: 'Your TikTok post was retrieved and submitted for approval.',
  inviteLinkMissing: 'The brand has not shared an invite link yet. Use the campaign code instead.',
};

/** Status words impact.com uses (anatomy doc). */
export const statusWords = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  awaitingSubmission: 'Awaiting submission',
  awaitingReview: 'Awaiting review',
  completed: 'Completed',
  waitingFor: (task) => `Waiting for ${task}`,
  pendingApproval: (task) => `${task} pending approval`,
  approved: (task) => `${task} approved`,
  rejected: (task) => `${task} rejected`,
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** '2026-12-15' -> 'Dec 15, 2026' (fixed English format, no locale dependency). */
export function formatDate(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}
/** '2026-11-20T14:05:00Z' -> 'Nov 20, 2026 14:05 UTC' */
export function formatDateTime(iso) {
  return `${formatDate(iso)} ${iso.slice(11, 16)} UTC`;
}

export const accounts = [
  { id: '1234567', name: 'Maya Creates', handle: '@mayacreates', label: 'Maya Creates (Acct 1234567)' },
  { id: '7654321', name: 'Maya Creates UK', handle: '@mayacreates.uk', label: 'Maya Creates UK (Acct 7654321)' },
];
export const defaultAccountId = '1234567';

const sow = (days, extra) =>
  `Deliverable: one original TikTok video (${extra}). Post within the campaign window, ` +
  `link it with the campaign code or the invite link, and keep the Paid Partnership label on. ` +
  `Spark Ads authorization: ${days} days.`;

const log = (...entries) => entries.map(([at, text]) => ({ at, text }));

/**
 * Participating campaigns per account. platforms = icons on the tile (lower-right corner).
 * Task.platform: 'tiktok' | 'instagram' | 'youtube' | null.
 * ttcm (TikTok tasks only): inviteLink (may be invalid on purpose, or null), campaignCode,
 * authWindowDays, sow (Statement of Work excerpt).
 * initialSubmission: the task already has a retrieved post when the replica starts.
 */
export const campaigns = [
  {
    id: '41207',
    accountId: '1234567',
    name: 'Summer Glow Serum Launch',
    brand: 'Lumière Skincare',
    endDate: '2027-01-31',
    platforms: ['tiktok'],
    tasks: [
      {
        id: '880101',
        name: 'TikTok Video',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2026-12-15',
        brief: 'Show your morning routine with the Summer Glow Serum. 30–60 seconds, vertical.',
        draft: { file: 'glow_serum_morning_v2.mp4', status: 'Draft approved' },
        ttcm: {
          inviteLink: 'https://www.tiktok.com/t/ZT8abc123/',
          campaignCode: 'K7Q2XW9M',
          authWindowDays: 30,
          sow: sow(30, '30–60 s, morning routine'),
        },
        activity: log(
          ['2026-11-02T09:14:00Z', 'Task created by Lumière Skincare'],
          ['2026-11-10T16:40:00Z', 'Draft submitted: glow_serum_morning_v2.mp4'],
          ['2026-11-12T11:02:00Z', 'Draft approved by Lumière Skincare'],
        ),
      },
    ],
  },
  {
    id: '41233',
    accountId: '1234567',
    name: 'Trail Mix Tuesdays',
    brand: 'Northbound Outfitters',
    endDate: '2027-02-28',
    platforms: ['instagram'],
    tasks: [
      { id: '880201', name: 'Instagram Reel', platform: 'instagram', status: 'In progress', dueDate: '2026-12-08',
        brief: 'A 20 s Reel of a trail snack break.', draft: null,
        activity: log(['2026-11-05T10:00:00Z', 'Task created by Northbound Outfitters']) },
      { id: '880202', name: 'Instagram Story', platform: 'instagram', status: 'Not started', dueDate: '2026-12-20',
        brief: 'Three story frames with the swipe-up link.', draft: null,
        activity: log(['2026-11-05T10:00:00Z', 'Task created by Northbound Outfitters']) },
    ],
  },
  {
    id: '41259',
    accountId: '1234567',
    name: 'Unboxing Week',
    brand: 'PixelForge Gaming',
    endDate: '2026-12-31',
    platforms: ['youtube'],
    tasks: [
      { id: '880301', name: 'YouTube Video', platform: 'youtube', status: 'Awaiting review', dueDate: '2026-12-01',
        brief: 'Unbox the PixelForge X2 controller, 5–8 minutes.', draft: { file: 'x2_unboxing_cut1.mp4', status: 'Awaiting review' },
        activity: log(['2026-11-01T08:30:00Z', 'Task created by PixelForge Gaming'], ['2026-11-20T19:12:00Z', 'Draft submitted: x2_unboxing_cut1.mp4']) },
    ],
  },
  {
    id: '41288',
    accountId: '1234567',
    name: 'Holiday Gift Guide 2026',
    brand: 'Hearth & Home Co.',
    endDate: '2027-01-10',
    platforms: ['tiktok', 'instagram', 'youtube'],
    tasks: [
      { id: '880401', name: 'Content brief sign-off', platform: null, status: 'Completed', dueDate: '2026-11-15',
        brief: 'Read and accept the gift guide brief.', draft: null,
        activity: log(['2026-11-03T12:00:00Z', 'Task created by Hearth & Home Co.'], ['2026-11-04T08:21:00Z', 'Completed']) },
      { id: '880402', name: 'Instagram Reel', platform: 'instagram', status: 'Instagram Reel approved', dueDate: '2026-11-30',
        brief: 'Top five cosy gifts, 30 s.', draft: { file: 'cosy_gifts_reel.mp4', status: 'Draft approved' },
        activity: log(['2026-11-03T12:00:00Z', 'Task created by Hearth & Home Co.'], ['2026-11-21T09:45:00Z', 'Instagram Reel approved']) },
      { id: '880403', name: 'YouTube Short', platform: 'youtube', status: 'Waiting for Instagram Reel', dueDate: '2026-12-12',
        brief: 'Re-cut of the Reel as a YouTube Short.', draft: null,
        activity: log(['2026-11-03T12:00:00Z', 'Task created by Hearth & Home Co.']) },
      {
        id: '880404',
        name: 'TikTok Video',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2026-12-18',
        brief: 'Gift-wrapping hack featuring the Hearth & Home candle set.',
        draft: { file: 'giftwrap_hack_final.mov', status: 'Draft approved' },
        ttcm: {
          inviteLink: 'https://vt.tiktok.com/ZSx7Lm2Qp/',
          campaignCode: 'hh26GIFT4Tq',
          authWindowDays: 60,
          sow: sow(60, '15–45 s, gift-wrapping hack'),
        },
        activity: log(
          ['2026-11-03T12:00:00Z', 'Task created by Hearth & Home Co.'],
          ['2026-11-19T17:30:00Z', 'Draft approved by Hearth & Home Co.'],
        ),
      },
    ],
  },
  {
    id: '41302',
    accountId: '1234567',
    name: 'Evergreen Affiliate Links',
    brand: 'Acme Outdoor Supply',
    endDate: '2027-06-30',
    platforms: [],
    tasks: [
      { id: '880501', name: 'Add tracking link to bio', platform: null, status: 'In progress', dueDate: '2026-12-31',
        brief: 'Put your Acme tracking link in your link-in-bio page.', draft: null,
        activity: log(['2026-10-15T07:00:00Z', 'Task created by Acme Outdoor Supply']) },
    ],
  },
  {
    id: '41317',
    accountId: '1234567',
    name: 'Back to School Drop: Two Videos',
    brand: 'Kinetic Kicks',
    endDate: '2027-01-20',
    platforms: ['tiktok'],
    tasks: [
      {
        id: '880601',
        name: 'TikTok Video – Unboxing',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2026-12-05',
        brief: 'Unbox the Kinetic Kicks Runner 3.',
        draft: { file: 'runner3_unboxing.mp4', status: 'Draft approved' },
        ttcm: {
          inviteLink: 'https://www.tiktok.com/t/ZT2kQv9Rs/',
          campaignCode: 'KK1',
          authWindowDays: 7,
          sow: sow(7, 'unboxing, 20–40 s'),
        },
        activity: log(['2026-11-06T13:00:00Z', 'Task created by Kinetic Kicks'], ['2026-11-18T10:10:00Z', 'Draft approved by Kinetic Kicks']),
      },
      {
        id: '880602',
        name: 'TikTok Video – Styling',
        platform: 'tiktok',
        status: 'Not started',
        dueDate: '2026-12-19',
        brief: 'Three outfits styled with the Runner 3.',
        draft: null,
        ttcm: {
          inviteLink: 'https://vm.tiktok.com/ZMhT4c8Ya/',
          campaignCode: 'KKSTYLE0926ZX',
          authWindowDays: 365,
          sow: sow(365, 'styling, 30–60 s'),
        },
        activity: log(['2026-11-06T13:00:00Z', 'Task created by Kinetic Kicks']),
      },
    ],
  },
  {
    id: '41340',
    accountId: '1234567',
    name: '<img src=x onerror=alert(1)>',
    brand: '"><script>alert("brand")</script>',
    endDate: '2027-03-01',
    platforms: ['tiktok'],
    tasks: [
      {
        id: '880701',
        name: 'TikTok Video <b>bold</b>',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2026-12-22',
        brief: '<script>alert("brief")</script> Any honest review.',
        draft: null,
        ttcm: {
          // Invalid on purpose: plain http, look-alike host.
          inviteLink: 'http://tiktok.com.evil.example/t/ZT8abc123/',
          campaignCode: '<svg/onload=alert(2)>',
          authWindowDays: 30,
          sow: sow(30, 'honest review'),
        },
        activity: log(['2026-11-07T15:00:00Z', 'Task created by "><script>alert("brand")</script>']),
      },
    ],
  },
  {
    id: '41366',
    accountId: '1234567',
    name:
      'The Extraordinarily Long-Running Multi-Platform Spring Wellness, Fitness, Nutrition and Mindfulness Creator Collaboration Campaign for North America and Europe (Phase 2 of 3)',
    brand: 'Vitality Labs International',
    endDate: '2027-04-30',
    platforms: ['tiktok', 'instagram'],
    tasks: [
      {
        id: '880801',
        name: 'TikTok Video',
        platform: 'tiktok',
        status: 'In progress',
        dueDate: '2027-01-15',
        brief: 'A 7-day habit challenge.',
        draft: null,
        ttcm: {
          // Invalid on purpose: not an http(s) URL at all.
          inviteLink: 'javascript:alert(document.domain)//https://www.tiktok.com/t/ZT8zzz/',
          campaignCode: 'VLI-2027-WELL',
          authWindowDays: 60,
          sow: sow(60, 'habit challenge'),
        },
        activity: log(['2026-11-08T09:00:00Z', 'Task created by Vitality Labs International']),
      },
      { id: '880802', name: 'Instagram Post', platform: 'instagram', status: 'Not started', dueDate: '2027-01-22',
        brief: 'Carousel with before/after.', draft: null,
        activity: log(['2026-11-08T09:00:00Z', 'Task created by Vitality Labs International']) },
    ],
  },
  {
    id: '41391',
    accountId: '1234567',
    name: '春の新作コスメ キャンペーン',
    brand: 'さくら化粧品',
    endDate: '2027-03-31',
    platforms: ['tiktok', 'instagram'],
    tasks: [
      {
        id: '880901',
        name: 'TikTok動画',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2027-02-14',
        brief: '新作リップのスウォッチ動画。',
        draft: { file: 'sakura_lip_swatch.mp4', status: 'Draft approved' },
        ttcm: {
          inviteLink: 'https://vt.tiktok.com/ZSJp3nW7e/',
          campaignCode: 'SKR8',
          authWindowDays: 30,
          sow: sow(30, 'lip swatch'),
        },
        activity: log(['2026-11-09T03:00:00Z', 'Task created by さくら化粧品']),
      },
      { id: '880902', name: 'Instagram Reel', platform: 'instagram', status: 'Not started', dueDate: '2027-02-21',
        brief: 'スウォッチのリール。', draft: null,
        activity: log(['2026-11-09T03:00:00Z', 'Task created by さくら化粧品']) },
    ],
  },
  {
    id: '41415',
    accountId: '1234567',
    name: 'حملة رمضان للأزياء',
    brand: 'دار الأناقة',
    endDate: '2027-03-20',
    platforms: ['tiktok'],
    tasks: [
      {
        id: '881001',
        name: 'TikTok Video',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2027-02-25',
        brief: 'إطلالات رمضان بثلاث قطع.',
        draft: null,
        ttcm: {
          inviteLink: 'https://www.tiktok.com/t/ZTRmd4Nq8wXy/?lang=ar',
          campaignCode: 'RMDN2027FASHION9QX4',
          authWindowDays: 365,
          sow: sow(365, 'three looks'),
        },
        activity: log(['2026-11-10T06:00:00Z', 'Task created by دار الأناقة']),
      },
    ],
  },
  {
    id: '41433',
    accountId: '1234567',
    name: 'Protein Bar Taste Test',
    brand: 'FuelUp Nutrition',
    endDate: '2026-12-31',
    platforms: ['tiktok'],
    tasks: [
      {
        id: '881101',
        name: 'TikTok Video',
        platform: 'tiktok',
        status: 'TikTok Video pending approval',
        dueDate: '2026-11-20',
        brief: 'Blind taste test of three flavours.',
        draft: { file: 'fuelup_taste_test.mp4', status: 'Draft approved' },
        ttcm: {
          inviteLink: 'https://www.tiktok.com/t/ZT9fUeLp0/',
          campaignCode: 'FUEL5TST',
          authWindowDays: 7,
          sow: sow(7, 'blind taste test'),
        },
        initialSubmission: {
          at: '2026-11-19T18:22:00Z',
          postUrl: 'https://www.tiktok.com/@mayacreates/video/7439120588812345678',
        },
        activity: log(
          ['2026-10-28T10:00:00Z', 'Task created by FuelUp Nutrition'],
          ['2026-11-19T18:22:00Z', 'TikTok post retrieved and submitted'],
        ),
      },
    ],
  },
  {
    id: '41450',
    accountId: '1234567',
    name: 'Coffee Rituals',
    brand: 'Roast & Co.',
    endDate: '2027-02-15',
    platforms: ['tiktok', 'youtube'],
    tasks: [
      {
        id: '881201',
        name: 'TikTok Video',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2027-01-05',
        brief: 'Pour-over ritual, ASMR style.',
        draft: null,
        ttcm: {
          inviteLink: null, // brand shared only a code
          campaignCode: 'RC7Z',
          authWindowDays: 30,
          sow: sow(30, 'pour-over ASMR'),
        },
        activity: log(['2026-11-11T08:00:00Z', 'Task created by Roast & Co.']),
      },
      { id: '881202', name: 'YouTube Short', platform: 'youtube', status: 'In progress', dueDate: '2027-01-12',
        brief: 'Short cut of the ritual.', draft: null,
        activity: log(['2026-11-11T08:00:00Z', 'Task created by Roast & Co.']) },
    ],
  },
  // Second account
  {
    id: '52001',
    accountId: '7654321',
    name: 'Autumn Knitwear Lookbook',
    brand: 'Woolly & Co.',
    endDate: '2027-01-31',
    platforms: ['tiktok'],
    tasks: [
      {
        id: '890101',
        name: 'TikTok Video',
        platform: 'tiktok',
        status: 'Awaiting submission',
        dueDate: '2026-12-28',
        brief: 'Five knitwear looks in 30 seconds.',
        draft: null,
        ttcm: {
          inviteLink: 'https://www.tiktok.com/t/ZT6wOoLk2/',
          campaignCode: 'WOOL26',
          authWindowDays: 30,
          sow: sow(30, 'lookbook'),
        },
        activity: log(['2026-11-12T10:00:00Z', 'Task created by Woolly & Co.']),
      },
    ],
  },
];

/** Tiles on the other Find Campaigns tabs (not joined: no Manage Tasks). */
export const otherTabs = {
  all: [
    { id: '60011', name: 'Winter Skincare Essentials', brand: 'Glacier Botanicals', platforms: ['tiktok', 'instagram'], action: 'View Campaign' },
    { id: '60012', name: 'Smart Home Starter Kit', brand: 'Brightline Devices', platforms: ['youtube'], action: 'View Campaign' },
    { id: '60013', name: 'Plant-Based Meal Prep', brand: 'Greenfork', platforms: [], action: 'View Campaign' },
  ],
  invitations: [
    { id: '60021', name: 'New Year Fitness Reset', brand: 'CoreFlex', platforms: ['tiktok'], action: 'Accept Invitation' },
  ],
  applied: [
    { id: '60031', name: 'Indie Bookshop Picks', brand: 'Paper Lantern Books', platforms: ['instagram'], action: 'View Application' },
  ],
};

/** Find Campaigns tabs: key (URL) and visible label. */
export const tabs = [
  { key: 'all', label: 'All Campaigns' },
  { key: 'invitations', label: 'Invitations' },
  { key: 'applied', label: 'Applied' },
  { key: 'joined', label: 'Participating' },
];

export const platformLabels = { tiktok: 'TikTok', instagram: 'Instagram', youtube: 'YouTube' };

// ---- convenience lookups for tests ----
export function campaignsForAccount(accountId = defaultAccountId) {
  return campaigns.filter((c) => c.accountId === accountId);
}
export function findCampaign(id) {
  return campaigns.find((c) => c.id === String(id)) ?? null;
}
export function findTask(taskId) {
  for (const c of campaigns) {
    const t = c.tasks.find((x) => x.id === String(taskId));
    if (t) return { campaign: c, task: t };
  }
  return null;
}
export const tiktokTasks = campaigns.flatMap((c) =>
  c.tasks.filter((t) => t.platform === 'tiktok').map((t) => ({ campaignId: c.id, taskId: t.id, campaign: c, task: t })),
);

/** Named ids the tests use most. */
export const ids = {
  tiktokOnly: { campaignId: '41207', taskId: '880101' },
  instagramOnly: { campaignId: '41233' },
  youtubeOnly: { campaignId: '41259' },
  allPlatforms: { campaignId: '41288', taskId: '880404' },
  noPlatforms: { campaignId: '41302' },
  twoTikTokTasks: { campaignId: '41317', taskIds: ['880601', '880602'] },
  htmlLookingNames: { campaignId: '41340', taskId: '880701' }, // invite link http look-alike host
  longName: { campaignId: '41366', taskId: '880801' }, // invite link javascript:
  japanese: { campaignId: '41391', taskId: '880901' },
  arabic: { campaignId: '41415', taskId: '881001' },
  alreadySubmitted: { campaignId: '41433', taskId: '881101' },
  noInviteLink: { campaignId: '41450', taskId: '881201' },
  secondAccount: { accountId: '7654321', campaignId: '52001', taskId: '890101' },
};

// ---- large generated scenario (benchmarks) ----
const ADJ = ['Bold', 'Fresh', 'Urban', 'Cozy', 'Bright', 'Wild', 'Daily', 'Pure', 'Golden', 'Midnight', 'Crisp', 'Lucky'];
const NOUN = ['Glow', 'Trail', 'Brew', 'Beats', 'Threads', 'Bites', 'Gear', 'Bloom', 'Pixels', 'Wheels', 'Nest', 'Waves'];
const KIND = ['Launch', 'Challenge', 'Drop', 'Week', 'Series', 'Collab', 'Giveaway', 'Lookbook'];
const BRAND = ['Atlas', 'Nimbus', 'Copper', 'Juniper', 'Orbit', 'Saffron', 'Harbor', 'Vertex', 'Maple', 'Quartz'];
const SUFFIX = ['Co.', 'Labs', 'Studio', 'Goods', 'Supply', 'Collective'];
const MIXES_TT = [['tiktok'], ['tiktok', 'instagram'], ['tiktok', 'instagram', 'youtube'], ['tiktok', 'youtube']];
const MIXES_OTHER = [['instagram'], ['youtube'], ['instagram', 'youtube'], []];
const CODE_ALPHA = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function code(i, len) {
  let s = '';
  let x = (i + 1) * 2654435761;
  for (let k = 0; k < len; k++) {
    x = (x * 1103515245 + 12345) % 2147483647;
    s += CODE_ALPHA[x % CODE_ALPHA.length];
  }
  return s;
}

/**
 * n participating campaigns for benchmarks: ~1 in 3 has TikTok. Deterministic.
 * Campaign ids 700000+i, task ids 7000000+i*10+k.
 */
export function generateLargeScenario(n, accountId = defaultAccountId) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const hasTikTok = i % 3 === 0;
    const platforms = hasTikTok ? MIXES_TT[(i / 3) % MIXES_TT.length | 0] : MIXES_OTHER[i % MIXES_OTHER.length];
    const id = String(700000 + i);
    const tasks = [];
    let k = 0;
    for (const p of platforms) {
      const tid = String(7000000 + i * 10 + k++);
      const name = p === 'tiktok' ? 'TikTok Video' : p === 'instagram' ? 'Instagram Reel' : 'YouTube Video';
      const t = {
        id: tid,
        name,
        platform: p,
        status: ['Not started', 'In progress', 'Awaiting submission'][i % 3],
        dueDate: `2027-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        brief: `Generated task ${tid}.`,
        draft: null,
        activity: [{ at: '2026-11-01T00:00:00Z', text: 'Task created' }],
      };
      if (p === 'tiktok') {
        const hostPick = i % 3;
        const slug = code(i, 9);
        t.ttcm = {
          inviteLink:
            hostPick === 0 ? `https://www.tiktok.com/t/ZT${slug}/` : hostPick === 1 ? `https://vt.tiktok.com/ZS${slug}/` : `https://vm.tiktok.com/ZM${slug}/`,
          campaignCode: code(i + 7, 4 + (i % 13)),
          authWindowDays: [7, 30, 60, 365][i % 4],
        };
        t.ttcm.sow = sow(t.ttcm.authWindowDays, 'generated');
      }
      tasks.push(t);
    }
    if (tasks.length === 0) {
      tasks.push({ id: String(7000000 + i * 10), name: 'Share tracking link', platform: null, status: 'In progress',
        dueDate: '2027-01-31', brief: 'Generated.', draft: null, activity: [] });
    }
    out.push({
      id,
      accountId,
      name: `${ADJ[i % ADJ.length]} ${NOUN[(i * 7) % NOUN.length]} ${KIND[(i * 5) % KIND.length]} #${i + 1}`,
      brand: `${BRAND[(i * 3) % BRAND.length]} ${SUFFIX[i % SUFFIX.length]}`,
      endDate: '2027-06-30',
      platforms,
      tasks,
    });
  }
  return { campaigns: out };
}

/** The TikTok post URL the replica "finds" when Retrieve my post succeeds. */
export function postUrlFor(taskId, handle = '@mayacreates') {
  return `https://www.tiktok.com/${handle}/video/74${String(taskId).padStart(17, '0')}`;
}
