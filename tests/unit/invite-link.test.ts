import { describe, expect, it } from 'vitest';
import { checkCampaignCode, checkInviteLink } from '../../utils/invite-link';

describe('checkInviteLink', () => {
  it.each([
    ['https://www.tiktok.com/t/ZT8abc123/', 'https://www.tiktok.com/t/ZT8abc123/'],
    ['https://vt.tiktok.com/ZSabc123/', 'https://vt.tiktok.com/ZSabc123/'],
    ['  https://vm.tiktok.com/ZMx9/\n', 'https://vm.tiktok.com/ZMx9/'],
    ['\u200Bhttps://www.tiktok.com/t/abc/\uFEFF', 'https://www.tiktok.com/t/abc/'],
    ['https://creatormarketplace.tiktok.com/invite?c=42&x=1', 'https://creatormarketplace.tiktok.com/invite?c=42&x=1'],
  ])('offers %j as exactly %j', (raw, expected) => {
    expect(checkInviteLink(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['javascript:alert(1)', 'not a TikTok link'],
    ['data:text/html,<script>alert(1)</script>', 'not a TikTok link'],
    ['http://www.tiktok.com/t/abc/', 'not https'],
    ['https://tiktok.com.evil.example/t/abc', 'tiktok.com.evil.example is not a TikTok host'],
    ['https://eviltiktok.com/t/abc', 'not a TikTok host'],
    ['https://www.tiktok.com@evil.example/t/abc', 'hides a user name'],
    ['https://user:pw@www.tiktok.com/t/abc', 'hides a user name'],
    ['https://xn--tktok-7ua.com/t/abc', 'not a TikTok host'],
    ['https://www.tiktok.com:8443/t/abc', 'unusual port'],
    ['https://www.tiktok.com/t/a https://vt.tiktok.com/b', 'more than one link'],
    ['https://www.tiktok.com/t/a\u200Bb', 'hidden characters'],
    [`https://www.tiktok.com/${'a'.repeat(3000)}`, 'too long'],
    ['www.tiktok.com/t/abc', 'not a web address'],
    ['https://www.tiktok.com/@mayacreates/video/7400000000000880602', 'a posted TikTok video'],
  ])('refuses %j (%s)', (raw, why) => {
    const result = checkInviteLink(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });

  it('a look-alike host over http is refused for its host first, then its scheme (https would not make it TikTok)', () => {
    const result = checkInviteLink('http://tiktok.com.evil.example/t/abc');
    expect(!result.ok && result.reason).toBe('This is not a TikTok link: tiktok.com.evil.example is not a TikTok host, and it uses http, not https.');
    // TikTok's own host over http: the scheme is the one problem.
    const http = checkInviteLink('http://www.tiktok.com/t/abc/');
    expect(!http.ok && http.reason).toBe('This is not a TikTok link: it uses http, not https.');
  });

  it('every refusal of a present value says "not a TikTok link" or why in plain words', () => {
    const result = checkInviteLink('https://tiktok.com.evil.example/x');
    expect(!result.ok && result.reason).toMatch(/^This is not a TikTok link/);
  });
});

describe('checkCampaignCode', () => {
  it('trims and keeps the code exactly', () => {
    expect(checkCampaignCode('  AbC123xyz \n')).toEqual({ ok: true, value: 'AbC123xyz' });
  });
  it.each([
    ['', 'empty'],
    ['A'.repeat(65), 'too long'],
    ['<b>ABC</b>', 'markup'],
    ['ABC\nDEF', 'line breaks'],
  ])('refuses %j', (raw, why) => {
    const result = checkCampaignCode(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});
