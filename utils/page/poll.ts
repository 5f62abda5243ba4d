/** What waiting on a page needs: a clock, a way to sleep, and a way to stop. */
export interface PollDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  signal?: AbortSignal;
}

/**
 * Read the page every 150 ms until `read` finds something, `ms` have passed or `signal`
 * aborts (then null). Pages render late and re-render; one read is never the answer.
 */
export async function poll<T>(deps: PollDeps, ms: number, read: () => T | null | undefined | false): Promise<T | null> {
  const until = deps.now() + ms;
  for (;;) {
    if (deps.signal?.aborted) return null;
    const v = read();
    if (v) return v;
    if (deps.now() >= until) return null;
    await deps.sleep(150);
  }
}
