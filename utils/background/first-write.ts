/**
 * Chromium's storage.local keeps, for each browser session, a map of every key's size for its
 * quota (extensions/browser/api/storage/settings_storage_quota_enforcer.cc). It builds that map
 * on the session's first `set` (or `getBytesInUse`) by reading and re-serializing the whole
 * store: ~0.6–1 s at 50,000 tasks (~40 MB), which the creator's first change after starting the
 * browser waited for (docs/benchmarks.md, session 16). Asking for the usage when the browser
 * starts builds it in the background instead; the work is the same, only earlier.
 * Firefox's storage has no such map: not asked there (see the caller).
 */
export interface UsageArea {
  getBytesInUse?: (keys: null) => Promise<number>;
}

export function prepayFirstWrite(area: UsageArea): void {
  if (typeof area.getBytesInUse !== 'function') return;
  // Nothing waits for it; a failure here only means the first write pays as before.
  void area.getBytesInUse(null).catch(() => undefined);
}
