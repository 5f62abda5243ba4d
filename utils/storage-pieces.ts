/**
 * Many stored values read in pieces, so another reader's small read is not held up by them.
 *
 * A browser answers storage calls in the order they were made: one `storage.local.get(null)`
 * of every bucket (~5 s at 50,000 tasks) holds up every read made after it, in every page,
 * content script and the worker, even when the page that made it has closed meanwhile (the
 * overview opened right after a popup waited ~1 s for its first small read). Read a few dozen
 * values at a time, one call after the other, instead: another reader's call goes between two
 * pieces, and a closed page's reading stops after the piece under way.
 *
 * The names come from `storage.local.getKeys()` (Chromium 130, Firefox 143). Without it (an
 * older browser, the unit tests' fake, which throws) everything is read in one `get(null)`, as before.
 * Tasks may be in buckets of any name (buckets.ts: old 1,024-bucket names, a tool's names), so
 * names are listed, never guessed.
 *
 * A value written between two pieces may be seen in one piece and not another, as with any
 * read followed by changes: callers watch `storage.onChanged` from before the read and apply
 * what it reports over the read (use-tracker.ts, tracker-view.ts), or serialize every write
 * with the read (the worker, background/tracker-owner.ts).
 *
 * Imports nothing: the content script uses it too.
 */

export interface PieceArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  getKeys?: () => Promise<string[]>;
}

/** Names in the first piece; later pieces are sized to take about PIECE_MS each. */
export const FIRST_PIECE = 64;
const MIN_PIECE = 16;
const MAX_PIECE = 1024;
/** About how long one piece may hold up another reader's call. */
const PIECE_MS = 40;

export interface PieceOptions {
  /** Stop reading (the page or frame went away): the values read so far are returned. */
  signal?: AbortSignal;
  /** Names in the first piece (tests). */
  first?: number;
}

/**
 * The stored values whose names `wanted` accepts, as `get(null)` holds them, read in pieces
 * (names in the order getKeys lists them).
 */
export async function readInPieces(area: PieceArea, wanted: (name: string) => boolean, { signal, first = FIRST_PIECE }: PieceOptions = {}): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let names: string[] | undefined;
  try {
    names = typeof area.getKeys === 'function' ? (await area.getKeys()).filter(wanted) : undefined;
  } catch {
    names = undefined; // not implemented here (a test's fake): read it all at once
  }
  if (!names) {
    for (const [name, value] of Object.entries(await area.get(null))) if (wanted(name)) out[name] = value;
    return out;
  }
  let size = Math.max(1, first);
  for (let i = 0; i < names.length && !signal?.aborted; ) {
    const piece = names.slice(i, i + size);
    const start = performance.now();
    const got = await area.get(piece);
    const ms = performance.now() - start;
    // A name listed but gone by now (removed meanwhile) is simply not there, as in get(null).
    for (const name of piece) if (Object.hasOwn(got, name)) out[name] = got[name];
    i += piece.length;
    size = Math.min(MAX_PIECE, Math.max(MIN_PIECE, Math.round((piece.length * PIECE_MS) / Math.max(ms, 1))));
  }
  return out;
}
