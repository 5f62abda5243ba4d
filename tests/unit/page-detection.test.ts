/**
 * Detection on DOM snapshots of every replica markup family (tests/unit/fixtures, saved from
 * the replica's real pages by capture.mjs): tiles and their TikTok icons, the TTCM section
 * (content present while collapsed, or only after expanding), the values read from it, the
 * task around it, and the task rows of "My Campaign Tasks".
 */
import { describe, expect, it } from 'vitest';
import * as S from '../replica/scenario.mjs';
import { FAMILIES, loadFixture } from './fixtures/load-fixture';
import { findCampaignTiles, findTikTokTiles } from '@/utils/page/tiles';
import { authorizationDaysIn, findTtcmSections, readTtcm } from '@/utils/page/ttcm';
import { accountReader, readDiscoveredTask } from '@/utils/page/task';
import { findTaskRow, findTaskRows } from '@/utils/page/retrieve';
import { collectDiagnostics } from '@/utils/page/diagnostics';

const mine = S.campaignsForAccount();
const tiktokNames = mine.filter((c) => c.platforms.includes('tiktok')).map((c) => c.name).sort();
const t = (id: string) => S.findTask(id)!;

function onlySection() {
  const sections = findTtcmSections(document);
  expect(sections).toHaveLength(1);
  return sections[0]!;
}

describe.each(FAMILIES)('%s family', (family) => {
  it('finds every Participating tile, and the TikTok ones by their icon', () => {
    loadFixture(`${family}-participating`);
    const tiles = findCampaignTiles(document);
    expect(tiles.map((x) => x.campaignName).sort()).toEqual(mine.map((c) => c.name).sort());
    const tiktok = findTikTokTiles(document);
    expect(tiktok.map((x) => x.campaignName).sort()).toEqual(tiktokNames);
    const glow = tiktok.find((x) => x.campaignName === 'Summer Glow Serum Launch')!;
    expect(glow.brand).toBe('Lumière Skincare');
    // Each tile is its own element, not the whole grid.
    expect(new Set(tiles.map((x) => x.element)).size).toBe(tiles.length);
    for (const tile of tiles) expect(tiles.filter((o) => o.element.contains(tile.element))).toHaveLength(1);
  });

  it('finds a lone tile (second account) too', () => {
    loadFixture(`${family}-participating-single`);
    expect(findTikTokTiles(document).map((x) => x.campaignName)).toEqual(['Autumn Knitwear Lookbook']);
  });

  it('leaves tiles of campaigns not joined alone', () => {
    loadFixture(`${family}-all-campaigns`);
    expect(findCampaignTiles(document).filter((x) => x.hasTikTok).length).toBeGreaterThan(0);
    expect(findTikTokTiles(document)).toEqual([]);
  });

  it('reads the invite link, campaign code and authorization window of an expanded section', () => {
    loadFixture(`${family}-details-expanded`);
    const r = readTtcm(onlySection());
    const { ttcm } = t(S.ids.tiktokOnly.taskId).task;
    expect(r.inviteLink).toMatchObject({ state: 'valid', value: ttcm!.inviteLink });
    expect(r.campaignCode).toMatchObject({ state: 'valid', value: ttcm!.campaignCode });
    expect(r.authorizationDays).toBe(ttcm!.authWindowDays);
  });

  it('reads a collapsed section when its content is in the DOM, and waits when it is not', () => {
    loadFixture(`${family}-details-collapsed`);
    const collapsed = readTtcm(onlySection());
    if (family === 'hashed') expect(collapsed).toMatchObject({ contentPresent: false, inviteLink: { state: 'absent' } });
    else expect(collapsed.inviteLink).toMatchObject({ state: 'valid', value: t(S.ids.tiktokOnly.taskId).task.ttcm!.inviteLink });
    loadFixture(`${family}-details-collapsed-absent`);
    expect(readTtcm(onlySection())).toMatchObject({ contentPresent: false, inviteLink: { state: 'absent' }, campaignCode: { state: 'absent' } });
  });

  it.each([
    // A look-alike host over http: the host is named first (https would not make it TikTok's).
    ['details-http-lookalike', /^This is not a TikTok link: \S+ is not a TikTok host, and it uses http, not https\.$/],
    ['details-javascript-link', /not a TikTok link: it uses javascript/],
  ])('refuses the invite link in %s', (fixture, reason) => {
    loadFixture(`${family}-${fixture}`);
    const r = readTtcm(onlySection());
    expect(r.inviteLink.state).toBe('invalid');
    if (r.inviteLink.state === 'invalid') expect(r.inviteLink.reason).toMatch(reason);
  });

  it('treats "no invite link shared" as absent, not as a bad link', () => {
    loadFixture(`${family}-details-no-invite-link`);
    const r = readTtcm(onlySection());
    expect(r.inviteLink).toEqual({ state: 'absent' });
    expect(r.campaignCode).toMatchObject({ state: 'valid', value: t(S.ids.noInviteLink.taskId).task.ttcm!.campaignCode });
  });

  it('reads the task, its campaign and the account into a DiscoveredTask', () => {
    const { url } = loadFixture(`${family}-details-second-of-two`);
    const { campaign, task } = t(S.ids.twoTikTokTasks.taskIds[1]!);
    const seen = readDiscoveredTask(onlySection(), url);
    expect(seen.problem).toBeUndefined();
    expect(seen.task).toMatchObject({
      accountId: '1234567',
      accountName: 'Maya Creates',
      campaignId: campaign.id,
      campaignName: campaign.name,
      brand: campaign.brand,
      taskName: task.name,
      impactStatus: task.status,
      dueDate: S.formatDate(task.dueDate),
      inviteLink: task.ttcm!.inviteLink,
      campaignCode: task.ttcm!.campaignCode,
      authorizationDays: 365,
      taskUrl: url,
    });
    // Only the URL carries task ids, and only where the family puts them there.
    if (family === 'hashed') expect(seen.task?.taskId).toBeUndefined();
    else expect(seen.task?.taskId).toBe(task.id);
  });

  it('keeps names that look like HTML as plain text and records why the link was refused', () => {
    const { url } = loadFixture(`${family}-details-http-lookalike`);
    const seen = readDiscoveredTask(onlySection(), url).task!;
    expect(seen.campaignName).toBe('<img src=x onerror=alert(1)>');
    expect(seen.taskName).toBe('TikTok Video <b>bold</b>');
    expect(seen.inviteLink).toBeUndefined();
    expect(seen.inviteLinkProblem).toContain('not a TikTok link');
    expect(seen.campaignCode).toBeUndefined();
  });

  it('finds task rows and picks a task by id or exact name, never by position', () => {
    loadFixture(`${family}-tasks-two-tiktok`);
    expect(findTaskRows(document)).toHaveLength(2);
    const [a, b] = S.ids.twoTikTokTasks.taskIds.map((id) => t(id));
    for (const x of [a!, b!]) {
      const row = findTaskRow(document, { key: 'k', campaignId: x.campaign.id, campaignName: x.campaign.name, taskId: x.task.id, taskName: x.task.name });
      expect(row?.element.textContent).toContain(x.task.name);
      const byName = findTaskRow(document, { key: 'k', campaignName: x.campaign.name, taskName: x.task.name });
      expect(byName?.element).toBe(row?.element);
    }
    expect(findTaskRow(document, { key: 'k', campaignName: a!.campaign.name, taskName: 'TikTok Video' })).toBeNull();
  });

  it('reports what it found for the popup', () => {
    const { url } = loadFixture(`${family}-participating`);
    expect(collectDiagnostics(document, url)).toMatchObject({ page: 'findCampaigns', tiles: mine.length, tiktokTiles: tiktokNames.length, ttcmSections: 0 });
    const details = loadFixture(`${family}-details-javascript-link`);
    expect(collectDiagnostics(document, details.url)).toMatchObject({ ttcmSections: 1, inviteLinks: { valid: 0, invalid: 1 }, campaignCodes: 1 });
  });
});

describe('a closed TTCM drop-down next to the posted video', () => {
  it('offers nothing until it is opened: the posted video is the deliverable, not the invite link', () => {
    document.body.innerHTML = `<div><section><h3>Deliverable</h3><a href="https://www.tiktok.com/@maya/video/7400000000000880602">https://www.tiktok.com/@maya/video/7400000000000880602</a></section>
      <section><div role="button" aria-expanded="false">TTCM Branded Content Details</div></section></div>`;
    const [section] = findTtcmSections(document);
    expect(readTtcm(section!)).toMatchObject({ contentPresent: false, inviteLink: { state: 'absent' } });
  });
});

describe('the account in the top bar, read for every tile', () => {
  it('is searched again after a wait that doubles while the page shows none (1 s, 2 s, 4 s…), and found once it is shown', () => {
    document.body.innerHTML = '<header><span>Home</span></header><main></main>';
    let now = 0;
    const account = accountReader(document, () => now);
    expect(account()).toEqual({});
    // Still none a second later: the next look waits two seconds.
    now = 1000;
    expect(account()).toEqual({});
    // The top bar renders late: until the wait is over the reader answers from its last look.
    document.querySelector('header')!.insertAdjacentHTML('beforeend', '<span>Maya Creates (Acct 1234567)</span>');
    now = 2500;
    expect(account()).toEqual({});
    now = 3000;
    expect(account()).toEqual({ accountName: 'Maya Creates', accountId: '1234567' });
    // Found: read where it is, whatever the time.
    now = 3001;
    expect(account()).toEqual({ accountName: 'Maya Creates', accountId: '1234567' });
  });
});

describe('the Spark Ads authorization window', () => {
  it('is the number of days the Statement of Work names, whichever it is (sources disagree on the choices)', () => {
    expect(authorizationDaysIn('Spark Ads authorization: 90 days.')).toBe(90);
    expect(authorizationDaysIn('Please authorize the ad code for 180 days after posting.')).toBe(180);
    expect(authorizationDaysIn('Ad authorization window: 7 days')).toBe(7);
    expect(authorizationDaysIn('Spark Ads authorization: 0 days.')).toBeUndefined();
    expect(authorizationDaysIn('One original vertical video, 20–60 s.')).toBeUndefined();
  });
});

describe('the TTCM drop-down found by its heading wherever the page has it', () => {
  it('a fullwidth heading on a page with other non-Latin text is still found; a page without it yields none', () => {
    document.body.innerHTML = `
      <main><p>春の新作コスメ · 0 of 1 task</p>
        <section><button aria-expanded="true">ＴＴＣＭ Branded Content Details</button>
          <div><p>Invite link</p><p>https://www.tiktok.com/t/ZT8abc123/</p></div></section></main>`;
    expect(findTtcmSections(document)).toHaveLength(1);
    document.body.innerHTML = `<main>${'<article><h3>Summer · Glow</h3><p>Ends Jan 31</p></article>'.repeat(50)}</main>`;
    expect(findTtcmSections(document)).toHaveLength(0);
  });
});

describe('the TTCM drop-down and the account label beside a list of thousands of tiles', () => {
  /** A Participating list of `n` tiles, each a component of its own whose root names TTCM (a tile is never the section). */
  function tiles(n: number): HTMLElement {
    const list = document.createElement('ul');
    list.className = 'grid';
    for (let i = 0; i < n; i++) {
      const tile = list.appendChild(document.createElement('li'));
      tile.className = 'tile';
      tile.innerHTML = `<h3>Glow ${i}</h3><x-badge></x-badge>`;
      tile.querySelector('x-badge')!.attachShadow({ mode: 'open' }).innerHTML = '<p>TTCM Branded Content Details</p>';
    }
    return list;
  }

  it("are found in the task's details and the top bar, never on a tile of the list, even where the page body holds many alike parts", () => {
    document.body.innerHTML = '<header><span>Maya Creates (Acct 1234567)</span></header><main></main>';
    document.querySelector('main')!.append(tiles(80));
    // A page whose body holds many alike parts (portals): the drawer, one of them, is searched as before.
    for (let i = 0; i < 70; i++) document.body.append(document.createElement('x-portal'));
    const drawer = document.body.appendChild(document.createElement('x-portal'));
    drawer.attachShadow({ mode: 'open' }).innerHTML = '<section><button aria-expanded="true">TTCM Branded Content Details</button><div><p>Invite link</p></div></section>';
    const sections = findTtcmSections(document);
    expect(sections.map((s) => s.toggle.textContent)).toEqual(['TTCM Branded Content Details']);
    expect(sections[0]!.toggle.getRootNode()).toBe(drawer.shadowRoot);
    expect(accountReader(document)()).toEqual({ accountName: 'Maya Creates', accountId: '1234567' });
  });

  it('a short list is no list of tiles: a part of it that names TTCM is still the section', () => {
    document.body.innerHTML = '<main></main>';
    document.querySelector('main')!.append(tiles(3));
    expect(findTtcmSections(document)).toHaveLength(3);
  });
});

describe('a TikTok icon named in words, as a person would name it', () => {
  const tile = (name: string, icon: string) => `<li class="c"><h3>${name}</h3><p>Brand Co</p>${icon}<button>Manage Tasks</button></li>`;
  it('is the platform word alone, "icon" or "logo" after it allowed; a label that only mentions TikTok, or an element showing text, is no icon', () => {
    document.body.innerHTML = `<ul>${[
      tile('Spaced Name', '<span role="img" aria-label="Tik Tok icon"><svg aria-hidden="true"></svg></span>'),
      tile('Logo Alt', '<img alt="TikTok logo" src="data:,">'),
      tile('Mentions Only', '<span title="TikTok videos wanted"><svg aria-hidden="true"></svg></span>'),
      tile('Text Shown', '<span aria-label="TikTok">TikTok Shop</span>'),
      tile('Other Platform', '<span role="img" aria-label="Instagram logo"><svg aria-hidden="true"></svg></span>'),
    ].join('')}</ul>`;
    const tiles = findCampaignTiles(document);
    expect(new Map(tiles.map((x) => [x.campaignName, x.hasTikTok]))).toEqual(
      new Map([
        ['Spaced Name', true],
        ['Logo Alt', true],
        ['Mentions Only', false],
        ['Text Shown', false],
        ['Other Platform', false],
      ]),
    );
  });
});

describe('what a tile says, read from its one reading', () => {
  const read = (html: string) => {
    document.body.innerHTML = `<ul>${html}</ul>`;
    return findCampaignTiles(document).map(({ campaignName, brand, campaignId, participating }) => ({ campaignName, brand, campaignId, participating }));
  };
  const icon = '<img alt="TikTok" src="data:,">';

  it('takes the first heading that shows a name, the brand after it, and the id from the Manage Tasks link', () => {
    expect(read(`<li><h4></h4><h3>Glow Launch</h3><p>Lumière</p>${icon}<a href="/x.ihtml?campaignId=41207">Manage Tasks</a></li><li><h3>Other</h3><p>B</p></li>`)[0]).toEqual({
      campaignName: 'Glow Launch',
      brand: 'Lumière',
      campaignId: '41207',
      participating: true,
    });
  });

  it('reads a Manage Tasks drawn as plain text (no control) as the action, and the id from the tile’s own data attribute before its children’s', () => {
    expect(read(`<li data-campaign-id="555"><span title="Truncated Camp…aign Name">Truncated Camp…aign Name</span><p>Brand Co</p><div data-campaign-id="777"><div><span>Manage Tasks</span></div></div>${icon}</li><li data-campaign-id="556"><span title="Other">Other</span><p>B</p><div><div><span>Manage Tasks</span></div></div></li>`)[0]).toEqual({
      campaignName: 'Truncated Camp…aign Name',
      brand: 'Brand Co',
      campaignId: '555',
      participating: true,
    });
  });

  it('finds no action in a title that reads "Manage Tasks", and no id where none is written', () => {
    const [tile] = read(`<li><h3>Manage Tasks</h3><p>Brand</p>${icon}</li><li><h3>Other</h3></li>`);
    expect(tile).toMatchObject({ campaignName: 'Manage Tasks', campaignId: undefined });
    // Not participating by its action: only a selected Participating tab would make it so.
    expect(tile!.participating).toBe(false);
  });
});
