/**
 * The content script on the other impact.com addresses the creator granted (utils/page/hosts.ts):
 * the manifest runs it on app.impact.com only; for each granted host the worker registers
 * the same file with `scripting.registerContentScripts` (one registration per host, id
 * `impact-host:<host>`), and unregisters it when the permission goes. Nothing is registered
 * for a host that is not granted exactly (a wildcard grant counts for nothing).
 *
 * `sync` brings the registrations in line with the permissions; it runs at every worker
 * start, on `permissions.onAdded`/`onRemoved`, when the overview says it changed something,
 * and after an install or update. Runs are queued one after the other, so two triggers of
 * one grant (the overview's message and onAdded) register once. A host registered by a run
 * also gets the script in its tabs that are already open (no browser puts a newly registered
 * script there), through reinject.ts, which first asks each tab for a live copy so a tab
 * never gets two; after an install or update, every granted host's tabs are taken over.
 *
 * Every decision lives here and is driven by injected deps; host-scripts-browser.ts is the
 * real browser and tests/unit/host-scripts.test.ts a fake. Errors never throw: they are
 * collected in `problems`, and one host's failure does not stop the others.
 */
import type * as z from 'zod/mini';
import type { HostSyncResultSchema } from '../messages';
import { grantedOrigins, hostOf, originPattern } from '../page/hosts';

export const HOST_SCRIPT_PREFIX = 'impact-host:';

/** One registration, as `scripting.registerContentScripts` takes it. */
export interface HostScript {
  id: string;
  matches: string[];
  js: string[];
  allFrames: true;
  runAt: 'document_idle';
  /** Also about:blank / srcdoc frames of those pages (as the manifest's match_about_blank); not in every browser version. */
  matchOriginAsFallback?: true;
}

/** What `scripting.getRegisteredContentScripts` reports (the parts compared). */
export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
}

export interface HostScriptDeps {
  /** `permissions.getAll().origins`: the required pattern, granted ones, maybe wildcards. */
  grantedPatterns(): Promise<string[]>;
  registered(): Promise<RegisteredScript[]>;
  register(script: HostScript): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** The js files of the manifest's content script (the built names). */
  contentScriptFiles(): string[];
  /** The files into the open tabs of these patterns that have no live copy of the script. */
  injectOpenTabs(patterns: string[], files: string[]): Promise<unknown>;
}

/**
 * Which open tabs get the script: those of hosts this run registered ('new'), or of every
 * granted host ('all', after an install or update, when the old copies were orphaned).
 */
export type InjectMode = 'new' | 'all';

/** What a run did (the reply to the hostsChanged message: messages.ts HostSyncResultSchema). */
export type HostSyncResult = z.infer<typeof HostSyncResultSchema>;

export function hostScriptId(origin: string): string {
  return `${HOST_SCRIPT_PREFIX}${hostOf(origin)}`;
}

export function hostScript(origin: string, js: string[], fallback: boolean): HostScript {
  return { id: hostScriptId(origin), matches: [originPattern(origin)], js, allFrames: true, runAt: 'document_idle', ...(fallback ? { matchOriginAsFallback: true as const } : {}) };
}

const message = (error: unknown) => String((error as Error)?.message ?? error);
const sameList = (a: readonly string[] | undefined, b: readonly string[]) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);
/** A browser may report a file as `/x.js` or with the extension's own origin: compare the paths. */
const filePath = (file: string) => file.replace(/^[a-z-]+:\/\/[^/]+\//i, '').replace(/^\/+/, '');
const sameFiles = (a: readonly string[] | undefined, b: readonly string[]) => sameList(a?.map(filePath), b.map(filePath));

export async function syncHostScripts(deps: HostScriptDeps, mode: InjectMode = 'new'): Promise<HostSyncResult> {
  const result: HostSyncResult = { active: [], added: [], removed: [], problems: [] };
  let granted: string[];
  let registered: RegisteredScript[];
  let files: string[];
  try {
    granted = grantedOrigins(await deps.grantedPatterns());
    registered = (await deps.registered()).filter((s) => s.id.startsWith(HOST_SCRIPT_PREFIX));
    // Relative paths: Firefox reports the manifest's files as full moz-extension:// URLs, which
    // registerContentScripts and executeScript refuse.
    files = deps.contentScriptFiles().map(filePath);
  } catch (error) {
    // Without knowing what is granted, change nothing (never unregister on a failed read).
    result.problems.push(`Could not read the allowed addresses or registrations: ${message(error)}`);
    return result;
  }
  if (files.length === 0) {
    result.problems.push('The manifest names no content script file.');
    return result;
  }

  const wanted = new Map(granted.map((origin) => [hostScriptId(origin), origin]));
  // A registration stays when its host is still granted and it runs today's file on exactly that host.
  const keep = registered.filter((s) => {
    const origin = wanted.get(s.id);
    return origin !== undefined && sameList(s.matches, [originPattern(origin)]) && sameFiles(s.js, files);
  });
  const stale = registered.filter((s) => !keep.includes(s));
  if (stale.length) {
    try {
      await deps.unregister(stale.map((s) => s.id));
      result.removed = stale.filter((s) => !wanted.has(s.id)).map((s) => `https://${s.id.slice(HOST_SCRIPT_PREFIX.length)}`);
    } catch (error) {
      result.problems.push(`Could not stop the content script on ${stale.map((s) => s.id.slice(HOST_SCRIPT_PREFIX.length)).join(', ')}: ${message(error)}`);
      // A registration that could not be removed is still there: do not register its id again.
      for (const s of stale) wanted.delete(s.id);
    }
  }

  const kept = new Set(keep.map((s) => s.id));
  for (const [id, origin] of wanted) {
    if (kept.has(id)) {
      result.active.push(origin);
      continue;
    }
    try {
      await registerOne(deps, origin, files);
      result.active.push(origin);
      result.added.push(origin);
    } catch (error) {
      result.problems.push(`Could not run the content script on ${hostOf(origin)}: ${message(error)}`);
    }
  }

  const inject = mode === 'all' ? result.active : result.added;
  if (inject.length) {
    try {
      await deps.injectOpenTabs(inject.map(originPattern), files);
    } catch (error) {
      result.problems.push(`Could not reach the open tabs of ${inject.map(hostOf).join(', ')}: ${message(error)}`);
    }
  }
  return result;
}

/** With `matchOriginAsFallback` where the browser knows it; without it where it does not. */
async function registerOne(deps: HostScriptDeps, origin: string, files: string[]): Promise<void> {
  try {
    await deps.register(hostScript(origin, files, true));
  } catch (withFallback) {
    try {
      await deps.register(hostScript(origin, files, false));
    } catch {
      throw withFallback;
    }
  }
}

/** `sync` runs queued: one at a time, in the order asked. */
export function createHostScripts(deps: HostScriptDeps): { sync(mode?: InjectMode): Promise<HostSyncResult> } {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    sync(mode = 'new') {
      const run = queue.then(() => syncHostScripts(deps, mode));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
