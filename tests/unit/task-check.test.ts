/**
 * The fast path of task validation (utils/tracker/task-check.ts, derived from the schema) must
 * never be weaker than the schema, nor return anything else than the schema would: for generated records, valid
 * and damaged alike, checkTrackedTask and TrackedTaskSchema.safeParse give the same verdict
 * and the same value, and whenever the fast path answers, zod agrees. It must also actually
 * be taken for the records this extension writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { TRACKER_STATES } from '@/utils/tracker/machine';
import { STEP_IDS, TrackedTaskSchema } from '@/utils/tracker/schema';
import { parseTrackerData } from '@/utils/tracker/storage';
import { checkTrackedTask, FAST_OPTIONAL, FAST_REQUIRED, fastCheck, fastTrackedTask, withFastPath } from '@/utils/tracker/task-check';
import { manyTasks, scenario, tasksOf } from './popup-overview-fixtures';
import { num, text, url } from './task-arbitraries';

/** A task as this extension stores it: every default filled in (the fast path's case). */
function storedTask(key = 'a:1|c:2|t:3'): Record<string, unknown> {
  return {
    accountId: '1',
    accountName: 'Maya',
    campaignId: '2',
    campaignName: 'Summer Glow',
    brand: 'Lumière',
    taskId: '3',
    taskName: 'TikTok Video',
    impactStatus: 'Awaiting submission',
    dueDate: 'Dec 15, 2026',
    inviteLink: 'https://www.tiktok.com/t/ZT123/',
    campaignCode: 'K7Q2',
    authorizationDays: 30,
    taskUrl: 'https://app.impact.com/x?campaignId=2&taskId=3',
    key,
    state: 'retryScheduled',
    path: 'inviteLink',
    steps: { linkCopied: 1, videoPosted: 2 },
    retrieve: { attempts: 1, firstAttemptAt: 3, lastAttemptAt: 3, nextAttemptAt: 4, lastOutcome: 'not yet', outcome: { code: 'notYet', value: '60', impact: 'Not found yet.', end: 'notFound', tries: 2, minutes: 7 }, openedTabId: 12, unreachableAttempts: 0 },
    history: [{ at: 1, event: 'discovered' }, { at: 2, event: 'retrieveNotYet', detail: 'TikTok has not got it yet' }],
    firstSeenAt: 1,
    updatedAt: 4,
  };
}

const fields: Record<string, fc.Arbitrary<unknown>> = {
  accountId: text(100),
  accountName: text(500),
  campaignId: text(100),
  campaignName: text(500),
  brand: text(500),
  taskId: text(100),
  taskName: text(500),
  impactStatus: text(200),
  dueDate: text(100),
  inviteLink: text(2048),
  inviteLinkProblem: text(300),
  campaignCode: text(64),
  authorizationDays: fc.constantFrom(7, 30, 60, 365, 8, '7', 0, undefined),
  taskUrl: url,
  key: text(800),
  state: fc.oneof(fc.constantFrom(...TRACKER_STATES), fc.constantFrom('done', 3, undefined)),
  path: fc.constantFrom('inviteLink', 'campaignCode', 'qr', undefined),
  steps: fc.oneof(fc.dictionary(fc.constantFrom(...STEP_IDS, 'other', '__proto__'), num, { maxKeys: 3 }), fc.constantFrom([], 'x', null, undefined)),
  retrieve: fc.oneof(
    fc.record(
      {
        attempts: num,
        firstAttemptAt: num,
        lastAttemptAt: num,
        nextAttemptAt: num,
        lastOutcome: text(300),
        outcome: fc.oneof(
          fc.record({ code: text(60), value: text(300), impact: text(500), end: text(60), tries: num, minutes: num, extra: fc.anything() }, { requiredKeys: [] }),
          fc.constantFrom(null, [], undefined),
        ),
        attemptId: text(100),
        openedTabId: num,
        unreachableAttempts: num,
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom(null, [], undefined),
  ),
  history: fc.oneof(
    fc.array(fc.record({ at: num, event: text(60), detail: text(500), extra: fc.anything() }, { requiredKeys: [] }), { maxLength: 3 }),
    fc.constant(Array.from({ length: 201 }, () => ({ at: 1, event: 'x' }))),
    fc.constantFrom('x', null, undefined),
  ),
  firstSeenAt: num,
  updatedAt: num,
};

/** A stored task with up to three fields replaced (or removed) and maybe an unknown key. */
const damaged = fc
  .tuple(
    fc.subarray(Object.keys(fields), { maxLength: 3 }),
    fc.record(fields, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('extra', 'constructor', 'toString'), fc.anything(), { maxKeys: 1 }),
  )
  .map(([replaced, generated, extra]) => {
    const out: Record<string, unknown> = { ...storedTask(), ...extra };
    for (const f of replaced) {
      if (f in generated) out[f] = (generated as Record<string, unknown>)[f];
      else delete out[f];
    }
    return out;
  });

function agree(value: unknown): { fast: boolean; valid: boolean } {
  const zod = TrackedTaskSchema.safeParse(value);
  const fast = fastTrackedTask(value);
  if (fast) {
    expect(zod.success, 'the fast path accepted what zod refuses').toBe(true);
    expect(fast).toEqual(zod.data);
  }
  const checked = checkTrackedTask(value);
  expect(checked.success).toBe(zod.success);
  if (checked.success) expect(checked.data).toEqual(zod.data);
  return { fast: !!fast, valid: zod.success };
}

describe('task validation fast path', () => {
  it('knows exactly the fields of the schema', () => {
    expect([...Object.keys(FAST_REQUIRED), ...Object.keys(FAST_OPTIONAL)].sort()).toEqual(Object.keys(TrackedTaskSchema.shape).sort());
  });

  it('takes the fast path for what the extension stores, and returns the record itself', () => {
    const tasks = [...tasksOf(scenario().data), ...tasksOf(manyTasks(50)), storedTask()];
    for (const task of tasks) {
      const stored = JSON.parse(JSON.stringify(task)) as unknown;
      expect(fastTrackedTask(stored)).toBe(stored);
      agree(stored);
    }
  });

  it('same verdict and value as zod for generated, damaged records', () => {
    let fast = 0;
    let refused = 0;
    fc.assert(
      fc.property(damaged, (value) => {
        const out = agree(value);
        if (out.fast) fast++;
        if (!out.valid) refused++;
      }),
      { numRuns: 1500 },
    );
    // Both kinds must be common, or the property proves little.
    expect(fast).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(300);
  });

  it('every limit, at and just past it, and odd numbers in every nested field', () => {
    const set = (path: string, value: unknown) => {
      const task = storedTask();
      const parts = path.split('.');
      let at = task as Record<string, unknown>;
      for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
      if (value === undefined) delete at[parts.at(-1)!];
      else at[parts.at(-1)!] = value;
      return task;
    };
    const limits: [string, number][] = [
      ['accountId', 100], ['accountName', 500], ['campaignId', 100], ['campaignName', 500], ['brand', 500], ['taskId', 100],
      ['taskName', 500], ['impactStatus', 200], ['dueDate', 100], ['inviteLink', 2048], ['inviteLinkProblem', 300],
      ['campaignCode', 64], ['key', 800], ['retrieve.lastOutcome', 300], ['retrieve.attemptId', 100],
      ['retrieve.outcome.code', 60], ['retrieve.outcome.value', 300], ['retrieve.outcome.impact', 500], ['retrieve.outcome.end', 60],
      ['history.0.event', 60], ['history.1.detail', 500],
    ];
    for (const [path, max] of limits) for (const value of ['', 'x'.repeat(max), 'x'.repeat(max + 1), 7, null, undefined]) agree(set(path, value));
    const numbers = ['firstSeenAt', 'updatedAt', 'retrieve.attempts', 'retrieve.firstAttemptAt', 'retrieve.nextAttemptAt', 'retrieve.openedTabId', 'retrieve.unreachableAttempts', 'retrieve.outcome.tries', 'retrieve.outcome.minutes', 'history.0.at', 'steps.linkCopied'];
    for (const path of numbers) for (const value of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1', null, true, {}, [], undefined]) agree(set(path, value));
    for (const value of [200, 201]) agree(set('history', Array.from({ length: value }, () => ({ at: 1, event: 'x' }))));
    agree(Object.assign(Object.create({ inherited: 1 }) as object, storedTask()));
    agree({ ...storedTask(), accountId: undefined });
    agree(Object.assign(Object.create(null) as object, storedTask()));
  });

  it('parseTrackerData keeps the same tasks and sets aside the same records as before', () => {
    const records: Record<string, unknown> = { ok: { ...storedTask('ok') }, bad: { ...storedTask('bad'), state: 'exploded' }, moved: storedTask('elsewhere'), minimal: { ...storedTask('minimal'), path: undefined, steps: undefined } };
    const { data, rejected } = parseTrackerData({ tasks: records }, 1);
    expect(Object.keys(data.tasks).sort()).toEqual(['minimal', 'ok']);
    expect(data.tasks.minimal).toMatchObject({ path: 'inviteLink', steps: {} });
    expect(rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/^state: /), 'The task is stored under the wrong key.']);
  });

  it('is derived from the schema: what the walk does not know goes to zod, never through', () => {
    // Shapes the task schema does not use (yet): a refinement, another text format, a number
    // format, a record keyed by any text, a union. The fast check may only say "yes" where zod
    // accepts the value and returns it unchanged.
    const cases: [z.core.$ZodType, unknown[]][] = [
      [z.object({ a: z.string().check(z.regex(/^x+$/)), b: z.optional(z.number().check(z.multipleOf(2))) }), [{ a: 'x' }, { a: 'xx', b: 2 }, { a: 'y' }, { a: 'x', b: 3 }, { a: 'x', b: 'y' }]],
      [z.object({ a: z.number() }).check(z.refine((v) => v.a > 1)), [{ a: 5 }, { a: 0 }]],
      [z.object({ a: z.email(), b: z.int32(), c: z.nullable(z.literal('y')) }), [{ a: 'a@b.co', b: 2, c: null }, { a: 'a@b.co', b: 2 ** 40, c: 'y' }, { a: 'x', b: 2, c: 'y' }, { a: 'a@b.co', b: 2, c: 'z' }]],
      [z.object({ a: z.record(z.string(), z.number()), b: z.union([z.string(), z.number()]) }), [{ a: { x: 1 }, b: 'y' }, { a: { x: 'n' }, b: 2 }]],
      [z.array(z.enum(['p', 'q'])).check(z.minLength(1), z.refine((v) => v[0] === 'p')), [['p'], ['q', 'p'], []]],
      [z.object({ a: z._default(z.string().check(z.trim()), 'd'), b: z.array(z.string().check(z.maxLength(2))).check(z.maxLength(2)) }), [{ a: ' x ', b: [] }, { a: 'x', b: ['ab'] }, { a: 'x', b: ['abc'] }, { b: ['a', 'b', 'c'] }]],
    ];
    const value = (samples: unknown[]) =>
      fc.oneof(
        fc.constantFrom(...samples),
        fc.tuple(fc.constantFrom(...samples), fc.constantFrom('a', 'b', 'c', 'd'), fc.oneof(fc.anything(), fc.constantFrom('x', 'y', 2, 3, null, ' x ', ['p']))).map(([v, k, junk]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: junk } : junk)),
      );
    let fast = 0;
    for (const [schema, samples] of cases) {
      const check = fastCheck(schema);
      fc.assert(
        fc.property(value(samples), (v) => {
          if (!check(v)) return;
          fast++;
          const parsed = z.safeParse(schema, v);
          expect(parsed.success).toBe(true);
          expect(parsed.data).toEqual(v);
        }),
        { numRuns: 300 },
      );
    }
    expect(fast).toBeGreaterThan(100);
    const schemas = cases.map(([schema]) => schema);
    // A refinement on an object or array: always zod.
    expect(fastCheck(schemas[1]!)({ a: 5 })).toBe(false);
    expect(fastCheck(schemas[4]!)(['p'])).toBe(false);
  });

  it('withFastPath (the head, its filter and slots): the same verdict and value as zod, for lists of anything and lists of an exact length', () => {
    const schema = z.object({
      n: z.number().check(z.int(), z.gte(0)),
      items: z.array(z.unknown()).check(z.maxLength(3)),
      revs: z.array(z.number().check(z.int())).check(z.length(2)),
      format: z.literal(6),
      opened: z.nullable(z.array(z.number()).check(z.maxLength(2))),
    });
    const parse = withFastPath(schema);
    const head = fc.record(
      {
        n: fc.oneof({ arbitrary: fc.nat(), weight: 4 }, fc.double(), fc.constant(-1)),
        items: fc.array(fc.anything(), { maxLength: 4 }),
        revs: fc.oneof({ arbitrary: fc.tuple(fc.nat(), fc.nat()), weight: 4 }, fc.array(fc.oneof(fc.nat(), fc.double()), { maxLength: 3 })),
        format: fc.constantFrom(6, 6, 6, 7, '6'),
        opened: fc.oneof(fc.constant(null), fc.array(fc.nat(), { maxLength: 3 })),
        extra: fc.anything(),
      },
      { requiredKeys: ['n', 'items', 'revs', 'format', 'opened'] },
    );
    fc.assert(
      fc.property(fc.oneof(head, fc.anything()), (v) => {
        const ours = parse(v);
        const zods = z.safeParse(schema, v);
        expect(ours.success).toBe(zods.success);
        if (ours.success) expect(ours.data).toEqual(zods.data);
      }),
      { numRuns: 500 },
    );
    // And the fast path is taken for such a record as written: the value itself comes back.
    const written = { n: 3, items: [{ a: 1 }, 'x', null], revs: [1, 2], format: 6, opened: null };
    const read = parse(written);
    expect(read.success && read.data).toBe(written);
  });
});
