import { describe, expect, it } from 'vitest';
import { STEP_IDS } from '../../utils/tracker/schema';
import {
  CAMPAIGN_CODE_MENU_PATH,
  PATH_LABELS,
  STEPS,
  menuPathText,
  stepLabel,
  stepProgress,
  stepsFor,
} from '../../utils/tracker/steps';

describe('checklist steps (seed article)', () => {
  it('invite-link path: copied, opened on phone, joined, ad authorization, posted', () => {
    expect(stepsFor('inviteLink').map((s) => s.id)).toEqual([
      'linkCopied',
      'openedOnPhone',
      'joinedCampaign',
      'adAuthorizationSet',
      'videoPosted',
    ]);
  });

  it('campaign-code path: copied, added in the app, ad authorization window, posted', () => {
    expect(stepsFor('campaignCode').map((s) => s.id)).toEqual(['codeCopied', 'codeAddedInApp', 'adAuthorizationSet', 'videoPosted']);
  });

  it('every step id of the schema is used by a path, and only those', () => {
    const used = new Set([...STEPS.inviteLink, ...STEPS.campaignCode].map((s) => s.id));
    expect([...used].sort()).toEqual([...STEP_IDS].sort());
  });

  it('the campaign code is added through the exact TikTok-app menu path', () => {
    const step = STEPS.campaignCode.find((s) => s.id === 'codeAddedInApp')!;
    expect(menuPathText(step)).toBe(
      'Content disclosure and ads → Disclose video content → Branded content → Link campaign → Add campaign code',
    );
    expect(step.where).toBe('tiktokApp');
    expect(CAMPAIGN_CODE_MENU_PATH).toHaveLength(5);
  });

  it('every step done in the TikTok app shows a menu path; steps on impact.com do not', () => {
    for (const step of [...STEPS.inviteLink, ...STEPS.campaignCode]) {
      if (step.where === 'tiktokApp') expect(menuPathText(step), step.id).toBeTruthy();
      if (step.where === 'impact') expect(step.menuPath, step.id).toBeUndefined();
    }
  });

  it('the ad authorization step names the campaign window, or the choices when unknown', () => {
    const step = STEPS.inviteLink.find((s) => s.id === 'adAuthorizationSet')!;
    expect(stepLabel(step, 30)).toBe('Ad authorization set for 30 days');
    // Any number of days the Statement of Work names, not only the common ones.
    expect(stepLabel(step, 90)).toBe('Ad authorization set for 90 days');
    expect(stepLabel(step, undefined)).toBe('Ad authorization set for the window in the Statement of Work (often 7, 30, 60, 365 days)');
    expect(step.optional).toBe(true);
  });

  it('path labels are the words the popup shows', () => {
    expect(PATH_LABELS).toEqual({ inviteLink: 'Invite link', campaignCode: 'Campaign code' });
  });

  it('progress counts only the steps of the chosen path', () => {
    const steps = { linkCopied: 1, joinedCampaign: 2, codeCopied: 3 };
    expect(stepProgress({ path: 'inviteLink', steps })).toEqual({ done: 2, total: 5 });
    expect(stepProgress({ path: 'campaignCode', steps })).toEqual({ done: 1, total: 4 });
  });
});
