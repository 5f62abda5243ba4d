/**
 * The creator's own path to a task: which tile's Manage Tasks and which row's View Task
 * Details were pressed. The task details do not always name their task or campaign (a
 * slide-out without a heading, a frame, a page of its own): what the creator pressed does.
 * The background keeps the path per tab, so a frame or the next page can use it.
 */
import { accessibleName, composedAncestors, CONTROL_SELECTOR, deepText, isElement } from './dom';
import { leafLines, readScope } from './reading';
import { rowAround, rowTaskId } from './retrieve';
import { campaignLineIn, campaignNamesOn, idsFrom } from './task';
import { readTileAt } from './tiles';
import { fold, isWord, startsWithWord, words } from './text';
import { DATE_ONLY, DUE_INLINE, TASK_STATUS } from './selectors';

export interface PathCampaign {
  name?: string;
  brand?: string;
  id?: string;
}

export interface PathTask {
  name?: string;
  id?: string;
  status?: string;
  dueDate?: string;
}

export interface CreatorPath {
  campaign?: PathCampaign;
  task?: PathTask;
  /** When the last step was taken (ms since the epoch). */
  at: number;
}

export type PathStep = { kind: 'campaign'; campaign: PathCampaign } | { kind: 'task'; task: PathTask; campaign?: PathCampaign };

/** How long a pressed row still names the details that open (a slow page, a frame loading). */
export const PATH_TTL_MS = 30 * 60_000;

const ACTIONS = () => [...words('manageTasks'), ...words('viewTaskDetails')];

/**
 * The control a click landed on (the click may land on an icon inside it), or an action drawn
 * as plain text (a `div` reading "View Task Details", with a click handler and no role).
 */
function pressedControl(event: Event): Element | null {
  const path = event.composedPath().filter(isElement);
  const control = path.find((t) => t.matches(CONTROL_SELECTOR) || t.getAttribute('data-testid')?.includes('button'));
  if (control) return control;
  const actions = ACTIONS();
  return path.slice(0, 4).find((t) => actions.includes(fold(deepText(t)))) ?? null;
}

/** What a click on the page says about the creator's path (null: nothing of interest). */
export function pathStepOf(event: Event, url: string): PathStep | null {
  const control = pressedControl(event);
  if (!control) return null;
  const name = fold(accessibleName(control));
  if (words('manageTasks').some((w) => name === w || name.startsWith(w))) {
    const tile = readTileAt(control);
    if (!tile) return null;
    return { kind: 'campaign', campaign: clean({ name: tile.campaignName, brand: tile.brand, id: tile.campaignId }) };
  }
  if (words('viewTaskDetails').some((w) => name === w || name.startsWith(w))) {
    const row = rowAround(control);
    if (!row) return null;
    const task = readRow(row);
    const doc = control.ownerDocument;
    const page = readScope(doc.body ?? doc);
    const line = campaignLineIn(page);
    const ids = idsFrom(url);
    const campaign = clean({ name: line?.campaignName ?? campaignNamesOn(page)[0], brand: line?.brand, id: ids.campaignId });
    return { kind: 'task', task, ...(Object.keys(campaign).length ? { campaign } : {}) };
  }
  return null;
}

/** A task row as a person reads it: its name, id, status and due date. */
export function readRow(row: Element): PathTask {
  const reading = readScope(row);
  // Actions are not the task's words; a link may well be its name (a link to the task).
  const actions = ACTIONS();
  const controls = new Set(reading.controls.filter((c) => !c.el.matches('a[href]') || actions.includes(fold(c.text))).map((c) => c.el as Element));
  const isControlText = (el: Element) => {
    for (const a of [el, ...composedAncestors(el)]) {
      if (controls.has(a)) return true;
      if (a === row) break;
    }
    return false;
  };
  let status: string | undefined;
  let dueDate: string | undefined;
  let name: string | undefined;
  for (const { el, text } of leafLines(reading)) {
    if (isControlText(el)) continue;
    if (!status && TASK_STATUS.some((re) => re.test(text))) {
      status = text;
      continue;
    }
    const due = DUE_INLINE.exec(text);
    if (due?.[1] || DATE_ONLY.test(text)) {
      dueDate ??= due?.[1]?.trim() ?? text;
      continue;
    }
    if (isWord(text, 'tiktok') || startsWithWord(text, 'dueDate') || isWord(text, 'status') || isWord(text, 'taskName')) continue;
    name ??= text;
  }
  const id = rowTaskId(row);
  return clean({ name, id, status, dueDate });
}

function clean<T extends object>(o: T): T {
  const out = { ...o } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === '') delete out[k];
  return out as T;
}

/** The path after one more step: a new campaign forgets the task of the previous one. */
export function applyPathStep(path: CreatorPath | undefined, step: PathStep, now: number): CreatorPath {
  if (step.kind === 'campaign') return { campaign: step.campaign, at: now };
  const sameCampaign = !step.campaign?.id || !path?.campaign?.id || step.campaign.id === path.campaign.id;
  const campaign = { ...(sameCampaign ? path?.campaign : undefined), ...step.campaign };
  return { ...(Object.keys(campaign).length ? { campaign } : {}), task: step.task, at: now };
}

/** A stored or received path, checked for shape (it crossed a process boundary, or came from storage). */
export function readPath(value: unknown): CreatorPath | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as CreatorPath;
  if (typeof v.at !== 'number') return undefined;
  const part = (o: unknown) => (o && typeof o === 'object' && Object.values(o).every((x) => typeof x === 'string' && x.length <= 500) ? o : undefined);
  const campaign = part(v.campaign) as CreatorPath['campaign'];
  const task = part(v.task) as CreatorPath['task'];
  return { at: v.at, ...(campaign ? { campaign } : {}), ...(task ? { task } : {}) };
}

/** The path while it is recent enough to speak for what is on screen. */
export function livePath(path: CreatorPath | undefined, now: number): CreatorPath | undefined {
  return path && now - path.at <= PATH_TTL_MS ? path : undefined;
}
