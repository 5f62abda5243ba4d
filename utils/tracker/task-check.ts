/**
 * Validation of stored task records, with a fast path for the common case.
 *
 * Every record read from storage is validated (schema.ts TrackedTaskSchema). zod runs without
 * its code generator in the extension (no eval under the extension CSP), which makes 5,000
 * tasks cost ~100 ms on a slow machine. A record this extension wrote itself has a plain,
 * known shape: every field of the schema's own type, nothing unknown, every default already
 * filled in. `fastTrackedTask` checks exactly that shape by hand and, when it holds, returns
 * the record as it is — which is then exactly what zod would return. Anything else (a missing
 * default, an unknown field, a wrong type, a too-long text, an odd address) goes to zod, which
 * decides and explains. tests/unit/task-check.test.ts checks with random and damaged records
 * that the fast path never accepts what zod refuses and never returns anything zod would not.
 */
import { TRACKER_STATES } from './machine';
import { DELIVERY_PATHS, isAuthorizationDays, STEP_IDS } from './keys';
import { DiscoveredTaskSchema, TrackedTaskSchema, type TrackedTask } from './schema';

type Check = (value: unknown) => boolean;

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};
const text =
  (max: number, min = 0): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max && v.length >= min;
const finite: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const safeInt: Check = (v) => Number.isSafeInteger(v);
const nonNegativeInt: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const oneOf = (values: readonly unknown[]): Check => {
  const set = new Set(values);
  return (v) => set.has(v);
};

// taskUrl is checked by the schema's own URL rule (https, a plain host name, zod's parsing quirks);
// the fast path only requires that zod keeps the text as it is. Results are cached per text.
const taskUrlSchema = DiscoveredTaskSchema.shape.taskUrl;
const urlVerdicts = new Map<string, boolean>();
const taskUrl: Check = (v) => {
  if (typeof v !== 'string') return false;
  let ok = urlVerdicts.get(v);
  if (ok === undefined) {
    const parsed = taskUrlSchema.safeParse(v);
    ok = parsed.success && parsed.data === v;
    if (urlVerdicts.size >= 50_000) urlVerdicts.clear();
    urlVerdicts.set(v, ok);
  }
  return ok;
};

const stepIds = new Set<string>(STEP_IDS);
const steps: Check = (v) => {
  if (!isPlainObject(v)) return false;
  for (const key of Object.keys(v)) if (!stepIds.has(key) || !finite(v[key])) return false;
  return true;
};

/** Checks for an object's fields: required ones must be there, optional ones may be absent. */
function objectCheck(required: Record<string, Check>, optional: Record<string, Check>): Check {
  const requiredKeys = Object.keys(required);
  const fieldCount = requiredKeys.length + Object.keys(optional).length;
  return (v) => {
    if (!isPlainObject(v)) return false;
    const keys = Object.keys(v);
    if (keys.length > fieldCount) return false;
    let present = 0;
    for (const key of keys) {
      const value = v[key];
      const check = Object.hasOwn(required, key) ? required[key] : Object.hasOwn(optional, key) ? optional[key] : undefined;
      // Unknown field (zod strips it) or an explicit undefined: zod decides.
      if (!check || value === undefined || !check(value)) return false;
      if (Object.hasOwn(required, key)) present++;
    }
    return present === requiredKeys.length;
  };
}

const historyEntry = objectCheck({ at: finite, event: text(60) }, { detail: text(500) });
const history: Check = (v) => {
  if (!Array.isArray(v) || v.length > 200) return false;
  for (let i = 0; i < v.length; i++) if (!historyEntry(v[i])) return false;
  return true;
};

const outcome = objectCheck(
  { code: text(60) },
  { value: text(300), impact: text(500), end: text(60), tries: nonNegativeInt, minutes: nonNegativeInt },
);

const retrieve = objectCheck(
  { attempts: nonNegativeInt },
  {
    firstAttemptAt: finite,
    lastAttemptAt: finite,
    nextAttemptAt: finite,
    lastOutcome: text(300),
    outcome,
    attemptId: text(100),
    openedTabId: safeInt,
    unreachableAttempts: nonNegativeInt,
  },
);

/** Field by field, the schema's rules (schema.ts), with every default required. */
export const FAST_REQUIRED: Record<string, Check> = {
  campaignName: text(500, 1),
  brand: text(500),
  taskName: text(500),
  taskUrl,
  key: text(800, 1),
  state: oneOf(TRACKER_STATES),
  path: oneOf(DELIVERY_PATHS),
  steps,
  retrieve,
  history,
  firstSeenAt: finite,
  updatedAt: finite,
};
export const FAST_OPTIONAL: Record<string, Check> = {
  accountId: text(100),
  accountName: text(500),
  campaignId: text(100),
  taskId: text(100),
  impactStatus: text(200),
  dueDate: text(100),
  inviteLink: text(2048),
  inviteLinkProblem: text(300),
  campaignCode: text(64),
  authorizationDays: isAuthorizationDays,
  archivedAt: finite,
};
const trackedTask = objectCheck(FAST_REQUIRED, FAST_OPTIONAL);

/** The record itself when it has exactly the shape this extension writes; otherwise undefined (ask zod). */
export function fastTrackedTask(value: unknown): TrackedTask | undefined {
  return trackedTask(value) ? (value as TrackedTask) : undefined;
}

export type TaskCheck = { success: true; data: TrackedTask } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };

/** TrackedTaskSchema.safeParse, taking the fast path when it can. */
export function checkTrackedTask(value: unknown): TaskCheck {
  const fast = fastTrackedTask(value);
  if (fast) return { success: true, data: fast };
  return TrackedTaskSchema.safeParse(value);
}
