/**
 * Campaign and task ids wherever the page puts them: in addresses (query, path, a short
 * route such as `#/c/1/t/2`) and in data attributes of rows, cards and panels. The patterns
 * themselves live in selectors.ts.
 */
import { URL_ID_PATTERNS } from './selectors';

export interface Ids {
  campaignId?: string;
  taskId?: string;
}

export function idFrom(text: string, patterns: RegExp[]): string | undefined {
  for (const re of patterns) {
    const m = text.match(re);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** Ids in an address. */
export function idsFrom(url: string): Ids {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    /* keep raw */
  }
  const campaignId = idFrom(decoded, URL_ID_PATTERNS.campaign);
  const taskId = idFrom(decoded, URL_ID_PATTERNS.task);
  return { ...(campaignId ? { campaignId } : {}), ...(taskId ? { taskId } : {}) };
}

/**
 * Ids in data attributes, by what the attribute's name or value says it is:
 * `data-task-id="1"`, `data-campaign="2"`, `data-cid="2"`, `data-key="task-3"`, `data-entity="campaign:2"`,
 * `data-parent="2"` (a task's parent), `data-entity="2/1"` (campaign/task).
 * A bare `data-id` (or `data-row-id="row_4"`) says nothing about what it identifies: it counts
 * as `bare` says (a row's is its task's, a card's its campaign's).
 */
export function idsInAttributes(entries: Iterable<{ name: string; value: string }>, bare?: 'task' | 'campaign'): Ids {
  let campaignId: string | undefined;
  let taskId: string | undefined;
  for (const { name, value } of entries) {
    // "<campaign>/<task>": a task's path under its campaign.
    const nested = /^(?:[a-z]+[-_:])?(\d{2,18})[/:](\d{2,18})$/i.exec(value);
    if (nested) {
      campaignId ??= nested[1];
      taskId ??= nested[2];
      continue;
    }
    const id = /(?:^|\D)(\d{2,18})(?:\D|$)/.exec(value)?.[1];
    if (!id) continue;
    const n = name.toLowerCase();
    const v = value.toLowerCase();
    if (/task|^data-tid$/.test(n) || /^(?:task|t)[-_:#/]/.test(v)) taskId ??= id;
    // A task's parent is its campaign.
    else if (/campaign|program|parent|^data-cid$/.test(n) || /^(?:campaign|c|program)[-_:#/]/.test(v)) campaignId ??= id;
    else if (bare && /^data-(id|key|entity|row-?id|item-?id)$/.test(n) && /^(?:[a-z]+[-_:])?\d+$/i.test(value)) {
      if (bare === 'task') taskId ??= id;
      else campaignId ??= id;
    }
  }
  return { ...(campaignId ? { campaignId } : {}), ...(taskId ? { taskId } : {}) };
}

/** The data-* attributes of an element (not test ids). */
export function dataAttributes(el: Element): { name: string; value: string }[] {
  return Array.from(el.attributes).filter((a) => a.name.startsWith('data-') && a.name !== 'data-testid');
}
