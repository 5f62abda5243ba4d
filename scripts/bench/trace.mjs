/**
 * Chrome tracing over CDP, and what the bench reads from a trace: the page renderer's
 * main-thread tasks, and inside them the time spent in scripts from chrome-extension://
 * URLs (the content script's injection, its MutationObserver, animation-frame, timer and
 * event callbacks, and anything they force synchronously, such as layout).
 */
const CATEGORIES = ['-*', 'toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'];

export async function startTrace(cdp) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
}

export async function stopTrace(cdp) {
  const complete = new Promise((resolve) => {
    const on = (e) => {
      cdp.off('Tracing.tracingComplete', on);
      resolve(e);
    };
    cdp.on('Tracing.tracingComplete', on);
  });
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const parts = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    parts.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const json = JSON.parse(parts.join(''));
  return Array.isArray(json) ? json : json.traceEvents;
}

const EXTENSION_URL = 'chrome-extension://';
/** Script entry points the trace names with the script's URL (callbacks, injection). */
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'V8.CompileModule', 'EvaluateModule']);

function union(intervals) {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
const total = (intervals) => intervals.reduce((s, [a, b]) => s + (b - a), 0);
function clip(intervals, from, to) {
  return intervals.map(([a, b]) => [Math.max(a, from), Math.min(b, to)]).filter(([a, b]) => b > a);
}

/**
 * The page's renderer main thread in a trace: the renderer that loaded a document whose URL
 * starts with `pageUrl` (its first navigation), and its CrRendererMain thread.
 */
export function pageThread(events, pageUrl) {
  const nav = events.find((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith(pageUrl));
  if (!nav) throw new Error(`no navigation to ${pageUrl} in the trace`);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === nav.pid && e.args?.name === 'CrRendererMain');
  return { pid: nav.pid, tid: main?.tid ?? nav.tid, navigationStart: nav.ts };
}

/** Timestamp (µs) of a performance.mark() made in the page. */
export function markTs(events, thread, name) {
  const e = events.find((x) => x.pid === thread.pid && x.name === name && String(x.cat).includes('blink.user_timing'));
  if (!e) throw new Error(`mark ${name} not in the trace`);
  return e.ts;
}

/**
 * Main-thread work of the page's renderer between two trace timestamps (µs):
 * - mainMs: all top-level tasks (what the page, the browser and the extension made it do);
 * - extensionMs: time inside scripts from chrome-extension:// URLs (nested calls and
 *   forced style/layout/GC inside them included, counted once);
 * - tasks: every top-level task with its extension share, for long-task attribution.
 */
export function mainThreadWork(events, thread, from, to) {
  const mine = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number');
  const tasks = union(mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask').map((e) => [e.ts, e.ts + e.dur]));
  const ext = union(
    mine.filter((e) => SCRIPT_EVENTS.has(e.name) && String(e.args?.data?.url ?? e.args?.fileName ?? '').startsWith(EXTENSION_URL)).map((e) => [e.ts, e.ts + e.dur]),
  );
  const inWindow = clip(tasks, from, to);
  const extInWindow = clip(ext, from, to);
  const perTask = inWindow.map(([a, b]) => ({ start: a, ms: (b - a) / 1000, extensionMs: total(clip(extInWindow, a, b)) / 1000 }));
  return {
    mainMs: total(inWindow) / 1000,
    extensionMs: total(extInWindow) / 1000,
    tasks: perTask,
    /** The largest extension share of any one task (ms). */
    longestExtensionTaskMs: perTask.reduce((m, t) => Math.max(m, t.extensionMs), 0),
    longTasks: perTask.filter((t) => t.ms > 50),
  };
}
