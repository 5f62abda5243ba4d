/**
 * The worker's reminders work per change of the tasks (utils/background/reminders.ts `check`),
 * in node, on the bench's seeded task shape (seed.mjs) at 50 / 5,000 / 50,000 tasks: the
 * check a new worker runs first (every task read once), then `CHANGES` changes of one task
 * each (a step ticked), each followed by the check the worker runs for it. The browser is
 * faked (storage, alarm and notifications in memory, cost ~0), so this is the worker's own
 * CPU work only; `npm run bench`'s storage part measures the tick end to end in Chromium.
 *
 * `--at` sets the clock (the seeded tasks are due in 2027: at their dates, reminders are due
 * and shown, and the shown ids are stored).
 *
 * `--shown=N` stores N of the tasks' reminder ids as shown before the first check (a creator's
 * history: shown ids are kept while their task is, up to 20,000).
 *
 *   node scripts/bench/reminders-work.mjs [--counts=50,5000,50000] [--changes=200] [--at=2027-03-02T10:00:00Z] [--shown=20000]
 */
import { createJiti } from 'jiti';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { trackedTikTokTasks } from './seed.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The words are made only for the notices shown; the measurement needs none of them.
const jiti = createJiti(import.meta.url, { alias: { '#i18n': fileURLToPath(new URL('./reminders-work-i18n.mjs', import.meta.url)) } });
const { createReminders } = await jiti.import(`${root}utils/background/reminders.ts`);
const { reminderSettings, remindersFor, DEFAULT_REMINDER_SETTINGS } = await jiti.import(`${root}utils/reminders.ts`);
const { checkTrackedTask } = await jiti.import(`${root}utils/tracker/task-check.ts`);

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const COUNTS = arg('counts', '50,5000,50000').split(',').map(Number);
const CHANGES = Number(arg('changes', '200'));
const AT = arg('at', undefined);
const SHOWN = Number(arg('shown', '0'));

const DAY_MS = 86_400_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

/** A world the worker's reminders run on: the tasks, what storage holds, the alarm. */
function world(tasks) {
  const w = { tasks: new Map(tasks.map((t) => [t.key, t])), changed: new Map(), stored: undefined, alarm: undefined, shown: 0, first: true };
  w.deps = {
    now: () => w.now,
    offsetMinutes: (at) => new Date(at).getTimezoneOffset(),
    // As the worker's tracker owner gives them: every task the first time, then what changed.
    async tasks() {
      if (w.first) {
        w.first = false;
        w.changed.clear();
        return { all: [...w.tasks.values()] };
      }
      const changed = w.changed;
      w.changed = new Map();
      return { changed };
    },
    settings: async () => reminderSettings(DEFAULT_REMINDER_SETTINGS.enabled),
    load: async () => w.stored,
    save: async (state) => {
      w.stored = state;
    },
    alarm: { set: async (when) => void (w.alarm = when), clear: async () => void (w.alarm = undefined) },
    show: async () => void w.shown++,
    clear: async () => {},
    openTask: async () => {},
  };
  return w;
}

/** Tick a step of one task: a new object, as the tracker owner's reducers make. */
function tick(w, task, now) {
  const next = { ...task, steps: { ...task.steps, linkCopied: now }, updatedAt: now };
  w.tasks.set(task.key, next);
  w.changed.set(task.key, next);
  return next;
}

console.log(`reminders work per change in the worker (node ${process.version}, ${CHANGES} changes, clock ${AT ?? 'now'}, ${SHOWN} ids stored as shown; load ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
for (const count of COUNTS) {
  const tasks = Object.values(trackedTikTokTasks(count)).map((raw) => checkTrackedTask(raw).data);
  const w = world(tasks);
  w.now = AT ? Date.parse(AT) : Date.now();
  if (SHOWN) {
    const settings = reminderSettings(DEFAULT_REMINDER_SETTINGS.enabled);
    const ids = tasks.flatMap((t) => remindersFor(t, settings, w.deps.offsetMinutes).map((r) => r.id)).slice(0, SHOWN);
    w.stored = { shown: Object.fromEntries(ids.map((id, i) => [id, w.now - DAY_MS + i])), snoozed: {} };
  }
  const r = createReminders(w.deps);
  let start = performance.now();
  await r.check();
  const first = performance.now() - start;
  const shownFirst = w.shown;
  const keys = [...w.tasks.keys()];
  const times = [];
  let seed = 7;
  for (let i = 0; i < CHANGES; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    w.now += 1500;
    tick(w, w.tasks.get(keys[seed % keys.length]), w.now);
    start = performance.now();
    await r.check();
    times.push(performance.now() - start);
  }
  const shownState = Object.keys(w.stored?.shown ?? {}).length;
  console.log(
    `${String(count).padStart(6)} tasks: first check ${first.toFixed(1)} ms (${shownFirst} shown); per change median ${median(times).toFixed(3)} ms, p90 ${p90(times).toFixed(3)} ms (${shownState} ids shown in state)`,
  );
}
