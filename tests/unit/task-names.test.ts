/**
 * A task whose page shows only its id is stored with no name and named at display time in the
 * interface language (utils/tracker/names.ts): "Task 880101", "Tâche 880101". Older versions
 * stored the English name itself: it is named the same way now.
 */
import { describe, expect, it } from 'vitest';
import { installFakeI18n } from './fake-i18n';
import { campaignLabel, taskLabel, taskLabelEnglish } from '../../utils/tracker/names';
import { findTtcmSections } from '../../utils/page/ttcm';
import { readDiscoveredTask } from '../../utils/page/task';
import { TrackedTaskSchema } from '../../utils/tracker/schema';
import { retrieveNotice } from '../../utils/background/retrieve-notice';
import { csvRow } from '../../utils/csv';

const URL_WITH_IDS = 'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=41207&taskId=880101';

/** Task details that name the campaign but not the task: only the address holds the task's id. */
function detailsWithoutName(): Element {
  document.body.innerHTML = `
    <div role="dialog">
      <dl><dt>Campaign</dt><dd>Summer Glow Serum Launch</dd></dl>
      <details open><summary>TTCM Branded Content Details</summary>
        <dl><dt>Invite link</dt><dd>https://www.tiktok.com/t/ZT123abc/</dd></dl>
      </details>
    </div>`;
  return document.querySelector('summary')!;
}

describe('a task known only by its id', () => {
  it('is recorded with no name of ours (nothing English stored)', () => {
    detailsWithoutName();
    const reading = readDiscoveredTask(findTtcmSections(document)[0]!, URL_WITH_IDS);
    expect(reading.problem).toBeUndefined();
    expect(reading.task).toMatchObject({ taskId: '880101', taskName: '', campaignName: 'Summer Glow Serum Launch' });
  });

  it('is named at display time, in the interface language', () => {
    const task = { taskName: '', taskId: '880101' };
    expect(taskLabel(task)).toBe('Task 880101');
    installFakeI18n('fr');
    expect(taskLabel(task)).toBe('Tâche 880101');
    installFakeI18n('ja');
    expect(taskLabel(task)).toBe('タスク 880101');
  });

  it('an older record with the English name "Task <id>" is named the same way', () => {
    const stored = TrackedTaskSchema.parse({
      key: 'c:41207|t:880101',
      campaignId: '41207',
      campaignName: 'Summer Glow Serum Launch',
      taskId: '880101',
      taskName: 'Task 880101',
      taskUrl: URL_WITH_IDS,
      state: 'needsAttention',
      firstSeenAt: 1,
      updatedAt: 1,
    });
    installFakeI18n('fr');
    expect(taskLabel(stored)).toBe('Tâche 880101');
    expect(retrieveNotice(stored, 'submitted').message).toContain('Tâche 880101 · Summer Glow Serum Launch');
    // A real name that happens to read "Task 5" for another id stays as the page showed it.
    expect(taskLabel({ taskName: 'Task 5', taskId: '880101' })).toBe('Task 5');
    expect(taskLabel({ taskName: 'TikTok Video', taskId: '880101' })).toBe('TikTok Video');
  });

  it('with neither name nor id (a damaged backup), a generic name; the CSV stays English', () => {
    installFakeI18n('fr');
    expect(taskLabel({ taskName: '' })).toBe('Tâche sans nom');
    expect(taskLabelEnglish({ taskName: '', taskId: '880101' })).toBe('Task 880101');
    const row = csvRow(
      TrackedTaskSchema.parse({ key: 'k', campaignName: 'C', taskId: '880101', taskName: '', taskUrl: URL_WITH_IDS, state: 'notStarted', firstSeenAt: 1, updatedAt: 1 }),
    );
    expect(row).toContain('Task 880101');
  });
});

describe('a campaign known only by its id', () => {
  it('is recorded as "Campaign <id>" and named in the interface language where shown', () => {
    document.body.innerHTML = `
      <div role="dialog">
        <h2>TikTok Video</h2>
        <details open><summary>TTCM Branded Content Details</summary>
          <dl><dt>Invite link</dt><dd>https://www.tiktok.com/t/ZT123abc/</dd></dl>
        </details>
      </div>`;
    const reading = readDiscoveredTask(findTtcmSections(document)[0]!, URL_WITH_IDS);
    const task = reading.task!;
    expect(task).toMatchObject({ campaignId: '41207', campaignName: 'Campaign 41207' });
    expect(campaignLabel(task)).toBe('Campaign 41207');
    installFakeI18n('fr');
    try {
      expect(campaignLabel(task)).toBe('Campagne 41207');
      // A campaign that is really named so, or whose id differs, keeps its name.
      expect(campaignLabel({ campaignName: 'Campaign 41207', campaignId: '99' })).toBe('Campaign 41207');
      expect(campaignLabel({ campaignName: 'Summer Glow', campaignId: '41207' })).toBe('Summer Glow');
    } finally {
      installFakeI18n('en');
    }
  });
});
