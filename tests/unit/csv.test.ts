import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvFileName, formatLocalDateTime, neutralizeFormula, tasksToCsv } from '../../utils/csv';
import { recordDiscovered } from '../../utils/tracker/reducer';
import { sortTasks } from '../../utils/tracker/table-view';
import { T0, scenario, summerGlow, tasksOf } from './popup-overview-fixtures';

describe('Export CSV', () => {
  const { data } = scenario();
  const rows = sortTasks(tasksOf(data), { column: 'dueDate', direction: 'ascending' });

  it('writes the exact file: BOM, header, one CRLF-terminated row per task, RFC 4180 quoting', () => {
    const attempt = formatLocalDateTime(T0 + 21_000);
    expect(tasksToCsv(rows)).toBe(
      CSV_BOM +
        [
          'Account,Campaign,Brand,Task,State,impact.com status,Due date,Invite link,Campaign code,Path,Steps done,Last retrieve attempt,Archived',
          'Maya Creates UK (7654321),Summer Glow Serum Launch,Lumière Skincare,TikTok Video,Submitted,TikTok Video pending approval,2026-11-28,https://www.tiktok.com/t/ZTukGlow1/,UKGLOW1,Invite link,0/5,,',
          'Maya Creates (1234567),Back to School Drop: Two Videos,Kinetic Kicks,TikTok Video – Unboxing,Not started,Awaiting submission,2026-12-05,https://www.tiktok.com/t/ZT2kQv9Rs/,KK1,Invite link,0/5,,',
          'Maya Creates (1234567),Summer Glow Serum Launch,Lumière Skincare,TikTok Video,In progress,Awaiting submission,2026-12-15,https://www.tiktok.com/t/ZT8abc123/,K7Q2XW9M,Invite link,1/5,,',
          `Maya Creates (1234567),Holiday Gift Guide 2026,Hearth & Home Co.,TikTok Video,Retry scheduled,Awaiting submission,2026-12-18,https://vt.tiktok.com/ZSx7Lm2Qp/,hh26GIFT4Tq,Invite link,0/5,${attempt},`,
          'Maya Creates (1234567),Back to School Drop: Two Videos,Kinetic Kicks,TikTok Video – Styling,Not started,Not started,2026-12-19,,KKSTYLE2,Campaign code,0/4,,',
        ].join('\r\n'),
    );
  });

  it('quotes commas, quotes and line breaks so a spreadsheet reads the same cells back', () => {
    const task = recordDiscovered({ tasks: {} }, { ...summerGlow, campaignName: 'Glow, "Serum"\nLaunch' }, T0).task;
    const csv = tasksToCsv([task]);
    expect(csv).toContain('"Glow, ""Serum""\nLaunch"');
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.data[1]![1]).toBe('Glow, "Serum"\nLaunch');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(neutralizeFormula(bad)).toBe(`'${bad}`);
    }
    expect(neutralizeFormula('Summer = fun')).toBe('Summer = fun');
    const task = recordDiscovered({ tasks: {} }, { ...summerGlow, brand: '=cmd|"/c calc"!A1', taskName: '@TikTok' }, T0).task;
    const cells = Papa.parse<string[]>(tasksToCsv([task]).slice(1)).data[1]!;
    expect(cells[2]).toBe(`'=cmd|"/c calc"!A1`);
    expect(cells[3]).toBe(`'@TikTok`);
  });

  it('names the file after the day', () => {
    expect(csvFileName(new Date(2026, 11, 3, 10).getTime())).toBe('tiktok-deliverables-2026-12-03.csv');
  });
});
