import { describe, expect, it } from 'vitest';
import { chooseTab, isOnCampaign, isSameTaskPage } from '../../utils/page/urls';

const FLOW = 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml';
const SPA = 'https://app.impact.com/secure/mediapartner/marketplace/new-campaign-marketplace-flow.ihtml';

describe('which tab "Retrieve my post" uses', () => {
  const task = { campaignId: '1001', taskUrl: `${FLOW}?execution=e2s1&campaignId=1001&taskId=5001` };

  it('a tab on the task itself, even when the flow key (execution=…) changed since', () => {
    expect(isSameTaskPage(`${FLOW}?execution=e7s3&campaignId=1001&taskId=5001`, task.taskUrl)).toBe(true);
    expect(isSameTaskPage(`${FLOW}?taskId=5001&campaignId=1001`, task.taskUrl)).toBe(true);
    expect(isSameTaskPage(`${FLOW}?execution=e2s1&campaignId=1001&taskId=5002`, task.taskUrl)).toBe(false);
  });

  it('single-page routes in the fragment count', () => {
    const spaTask = `${SPA}?execution=e1s1#/joined/campaigns/1001/tasks/5001`;
    expect(isSameTaskPage(`${SPA}?execution=e3s1#/joined/campaigns/1001/tasks/5001/`, spaTask)).toBe(true);
    expect(isSameTaskPage(`${SPA}?execution=e3s1#/joined/campaigns/1001/tasks/5002`, spaTask)).toBe(false);
    expect(isOnCampaign(`${SPA}?execution=e3s1#/joined/campaigns/1001/tasks`, { campaignId: '1001', taskUrl: spaTask })).toBe(true);
  });

  it('a campaign match needs the whole id, not a part of another one', () => {
    expect(isOnCampaign(`${FLOW}?campaignId=1001`, task)).toBe(true);
    expect(isOnCampaign(`${FLOW}?campaignId=10011`, task)).toBe(false);
    expect(isOnCampaign(`${FLOW}?campaignId=1001`, { taskUrl: task.taskUrl })).toBe(false);
  });

  it('an address with a malformed escape is read as it stands, never an error', () => {
    const spaTask = `${SPA}?execution=e1s1#/joined/campaigns/1001/tasks/5001`;
    expect(() => isOnCampaign(`${SPA}#/joined/campaigns/%E0%A4%A/1001`, { campaignId: '1001', taskUrl: spaTask })).not.toThrow();
    expect(isOnCampaign(`${SPA}#/joined/campaigns/%E0%A4%A/1001`, { campaignId: '1001', taskUrl: spaTask })).toBe(true);
    expect(isOnCampaign(`https://app.impact.com/%E0%A4%A/campaigns`, { campaignId: '1001', taskUrl: spaTask })).toBe(false);
  });

  it('never a tab on another site, whatever its address contains', () => {
    expect(isSameTaskPage('https://app.impact.com.evil.example/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=1001&taskId=5001', task.taskUrl)).toBe(false);
    expect(isOnCampaign('https://evil.example/1001', task)).toBe(false);
    expect(isSameTaskPage('not a url', task.taskUrl)).toBe(false);
  });

  it('prefers the task tab over a campaign tab, and returns null when neither is open', () => {
    const tabs = [
      { id: 1, url: 'https://app.impact.com/secure/mediapartner/home/pview.ihtml' },
      { id: 2, url: `${FLOW}?execution=e1s1&campaignId=1001` },
      { id: 3, url: `${FLOW}?execution=e9s1&campaignId=1001&taskId=5001` },
    ];
    expect(chooseTab(tabs, task)).toEqual({ tab: tabs[2], match: 'task' });
    expect(chooseTab(tabs.slice(0, 2), task)).toEqual({ tab: tabs[1], match: 'campaign' });
    expect(chooseTab(tabs.slice(0, 1), task)).toBeNull();
  });
});
