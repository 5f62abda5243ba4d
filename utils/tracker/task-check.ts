/**
 * Validation of stored task records, with a fast path for the common case.
 *
 * Every record read from storage is validated (schema.ts TrackedTaskSchema). zod runs without
 * its code generator in the extension (no eval under the extension CSP), and that costs: 50,000
 * stored tasks take about twice as long through zod/mini's safeParse as through this fast
 * path (~690 ms of CPU against ~320 ms, Node 22, jitless, every task address new as at a
 * worker start; docs/benchmarks.md), and a worker start and every page's first read pay it.
 * So the fast path stays.
 *
 * It is not a second definition of the shape: `fastCheck` derives it from the schema itself,
 * walking its zod/mini definition (objects, optional and default fields, texts and their
 * lengths, numbers and their bounds, enums, arrays, records). A record this extension wrote
 * itself has a plain, known shape: every field of the schema's own type, nothing unknown,
 * every default already filled in. The derived check holds exactly that shape and, when it
 * holds, the record is returned as it is, which is then exactly what zod would return.
 * Anything else (a missing default, an unknown field, a wrong type, a too-long text, an odd
 * address) goes to zod, which decides and explains. A part of a schema the walk does not know
 * is asked of zod itself (a text or number: its verdict, cached per value) or sends the record
 * to zod (anything else), so a schema change can make the fast path slower, never weaker.
 * tests/unit/task-check.test.ts checks with random and damaged records that the fast path
 * never accepts what zod refuses and never returns anything zod would not, and that it is
 * taken for the records this extension writes.
 */
import { safeParse, type core } from 'zod/mini';
import { TrackedTaskSchema, type TrackedTask } from './schema';

type Check = (value: unknown) => boolean;
type Schema = core.$ZodType;

/** The parts of a zod definition the walk reads (zod 4 core: `schema._zod.def`). */
interface Def {
  type: string;
  checks?: readonly { _zod: { def: CheckDef } }[];
  format?: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  partial?: boolean;
}
interface CheckDef {
  check: string;
  format?: string;
  maximum?: number;
  minimum?: number;
  value?: number;
  length?: number;
  inclusive?: boolean;
}

const defOf = (schema: Schema) => schema._zod.def as unknown as Def;
const never: Check = () => false;

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * zod's own verdict on a text or a number, kept only when zod returns the value unchanged
 * (for the task address: https, a plain host name, zod's URL parsing quirks). Cached per value.
 */
function ownVerdict(schema: Schema): Check {
  const verdicts = new Map<unknown, boolean>();
  return (v) => {
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    let ok = verdicts.get(v);
    if (ok === undefined) {
      const parsed = safeParse(schema, v);
      ok = parsed.success && parsed.data === v;
      if (verdicts.size >= 50_000) verdicts.clear();
      verdicts.set(v, ok);
    }
    return ok;
  };
}

/** Length limits (text, array) from the definition's checks; undefined when it has any other check. */
function lengthLimits(def: Def): { min: number; max: number } | undefined {
  let min = 0;
  let max = Infinity;
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'max_length') max = Math.min(max, c.maximum!);
    else if (c.check === 'min_length') min = Math.max(min, c.minimum!);
    else if (c.check === 'length_equals') [min, max] = [Math.max(min, c.length!), Math.min(max, c.length!)];
    else return undefined;
  }
  return { min, max };
}

function textCheck(schema: Schema, def: Def): Check {
  const limits = def.format === undefined ? lengthLimits(def) : undefined;
  if (!limits) return ownVerdict(schema);
  const { min, max } = limits;
  return (v) => typeof v === 'string' && v.length <= max && v.length >= min;
}

function numberCheck(schema: Schema, def: Def): Check {
  if (def.format !== undefined) return ownVerdict(schema);
  let safeInt = false;
  let low = -Infinity;
  let lowIncluded = true;
  let high = Infinity;
  let highIncluded = true;
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'number_format' && c.format === 'safeint') safeInt = true;
    else if (c.check === 'greater_than') {
      if (c.value! > low || (c.value === low && !c.inclusive)) [low, lowIncluded] = [c.value!, !!c.inclusive];
    } else if (c.check === 'less_than') {
      if (c.value! < high || (c.value === high && !c.inclusive)) [high, highIncluded] = [c.value!, !!c.inclusive];
    } else return ownVerdict(schema);
  }
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    if (safeInt && !Number.isSafeInteger(v)) return false;
    return (lowIncluded ? v >= low : v > low) && (highIncluded ? v <= high : v < high);
  };
}

/** An object's fields: required ones must be there, optional ones may be absent; nothing else. */
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

/** An object schema's fields, split as objectCheck takes them. Fields with a default are required: a record we wrote has them. */
export function objectFields(schema: Schema): { required: Record<string, Check>; optional: Record<string, Check> } {
  const required: Record<string, Check> = {};
  const optional: Record<string, Check> = {};
  for (const [key, field] of Object.entries(defOf(schema).shape ?? {})) {
    const def = defOf(field);
    if (def.type === 'optional') optional[key] = fastCheck(def.innerType!);
    else required[key] = fastCheck(field);
  }
  return { required, optional };
}

/**
 * The fast check of a schema: true only for a value zod accepts and returns unchanged (deeply
 * equal, nothing stripped or filled in); false means "ask zod", never "invalid".
 */
export function fastCheck(schema: Schema): Check {
  const def = defOf(schema);
  // Checks are read for texts, numbers and arrays only; a refinement anywhere else: zod decides.
  if (def.checks?.length && def.type !== 'string' && def.type !== 'number' && def.type !== 'array') return never;
  switch (def.type) {
    case 'string':
      return textCheck(schema, def);
    case 'number':
      return numberCheck(schema, def);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    // Anything, returned as it is (a list checked item by item later: the head's tasks).
    case 'unknown':
    case 'any':
      return () => true;
    case 'enum':
    case 'literal': {
      const values = schema._zod.values;
      return values ? (v) => values.has(v as never) : never;
    }
    // A default is filled in only for a missing value: present, the value is checked as it is.
    case 'optional':
    case 'default':
    case 'prefault':
      return fastCheck(def.innerType!);
    case 'nullable': {
      const inner = fastCheck(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'object': {
      const { required, optional } = objectFields(schema);
      return objectCheck(required, optional);
    }
    case 'array': {
      const limits = lengthLimits(def);
      if (!limits) return never;
      const { min, max } = limits;
      const element = fastCheck(def.element!);
      return (v) => {
        if (!Array.isArray(v) || v.length > max || v.length < min) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'record': {
      // Only a partial record with a fixed set of keys (a task's steps): keys of the set, checked values.
      const keys = def.keyType!._zod.values;
      if (!def.partial || !keys || defOf(def.keyType!).checks?.length) return never;
      const value = fastCheck(def.valueType!);
      return (v) => {
        if (!isPlainObject(v)) return false;
        for (const key of Object.keys(v)) if (!keys.has(key) || !value(v[key])) return false;
        return true;
      };
    }
    default:
      return never;
  }
}

/** The stored task's fields, as derived from TrackedTaskSchema (exported for the tests). */
export const { required: FAST_REQUIRED, optional: FAST_OPTIONAL } = objectFields(TrackedTaskSchema);
const trackedTask = fastCheck(TrackedTaskSchema);

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

/**
 * `schema`'s safeParse with the fast path derived from it first: the value itself when the
 * fast check holds, zod's answer otherwise. For other stored records read on a page's first
 * screen (head.ts: the head, its filter and slots), where zod/mini's set-up on first use
 * costs a page 8–15 ms before its first paint.
 */
export function withFastPath<T extends Schema>(schema: T): (value: unknown) => { success: true; data: core.output<T> } | { success: false } {
  const fast = fastCheck(schema);
  return (value) => (fast(value) ? { success: true, data: value as core.output<T> } : safeParse(schema, value));
}
