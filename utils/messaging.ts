/**
 * The one way to send a message and read its reply; the protocol itself (each message with
 * the schema of its reply) is utils/messages.ts. Every reply is checked: the envelope here
 * (`{ ok: true, value }` or `{ ok: false, error }`), the value by the message's reply schema.
 * No zod here: each caller brings the reply schemas of its protocol (messages.ts); the content
 * script checks the envelope only (deliver).
 */
import { browser } from 'wxt/browser';
import { readReplyWhy, type ReplyErrorCode, type ReplyWhy } from './reply-error';

/**
 * A reply's envelope: every listener answers with one. A refusal's `error` is English (logs);
 * its `code` and `params`, when it has them, are what a page words for the creator
 * (utils/reply-error.ts replyErrorText).
 */
export type Reply<T = unknown> = { ok: true; value: T } | ({ ok: false; error: string } & ReplyWhy);

/** Turns a value into T, or undefined when it is not one. */
export type ValueReader<T> = (value: unknown) => T | undefined;

/** A reply's value check: a zod or zod/mini schema (anything with zod's safeParse). */
export interface ReplySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** The reply schema of every message of a protocol, by message type. */
export type ReplySchemas<M extends { type: string }> = { [K in M['type']]: ReplySchema<unknown> };

/** The value a message's reply carries. */
export type ReplyValue<S, K> = K extends keyof S ? (S[K] extends ReplySchema<infer T> ? T : never) : never;

/**
 * Why a message got no usable reply: nothing of ours listens there (`unreachable`), a
 * listener gave no answer (`unanswered`), it refused (`refused`), or its answer is not what
 * the message's reply schema says (`notUnderstood`).
 */
export type SendFailure = 'unreachable' | 'unanswered' | 'refused' | 'notUnderstood';

export type Sent<T> = { ok: true; value: T } | ({ ok: false; error: string; failure: SendFailure; cause?: string } & ReplyWhy);

const NOT_UNDERSTOOD = 'The answer was not understood. Reload the page and try again.';

function check<T>(raw: unknown, missing: string, read?: ValueReader<T> | ReplySchema<T>, missingCode?: ReplyErrorCode): Sent<T> {
  if (raw === undefined || raw === null) return { ok: false, error: missing, failure: 'unanswered', ...(missingCode ? { code: missingCode } : {}) };
  const odd = { ok: false, error: NOT_UNDERSTOOD, failure: 'notUnderstood', code: 'notUnderstood' } as const;
  if (typeof raw !== 'object' || Array.isArray(raw)) return odd;
  const reply = raw as { ok?: unknown; value?: unknown; error?: unknown; code?: unknown; params?: unknown };
  if (reply.ok === false) return typeof reply.error === 'string' && reply.error ? { ok: false, error: reply.error.slice(0, 1000), failure: 'refused', ...readReplyWhy(reply) } : odd;
  if (reply.ok !== true) return odd;
  if (!read) return { ok: true, value: reply.value as T };
  if (typeof read !== 'function') {
    const parsed = read.safeParse(reply.value);
    return parsed.success ? { ok: true, value: parsed.data } : odd;
  }
  const value = read(reply.value);
  return value === undefined ? odd : { ok: true, value };
}

/** `{ ok: true, value }` or `{ ok: false, error: string }`; anything else is refused. */
export function readReply<T>(raw: unknown, missing: string, read?: ValueReader<T> | ReplySchema<T>): Reply<T> {
  const checked = check(raw, missing, read);
  return checked.ok ? checked : { ok: false, error: checked.error };
}

/** Hands a message to the browser; rejects when nothing of ours listens there. */
export type Post = (message: unknown) => Promise<unknown>;

export interface Destination {
  post: Post;
  /** The reply's absence (English: the pages word its code, `missingCode`). */
  missing: string;
  missingCode?: ReplyErrorCode;
  /** The delivery's failure (English: the pages word its code, `unreachableCode`, with the cause). */
  unreachable(cause: string): string;
  unreachableCode?: ReplyErrorCode;
}

/** The background worker (the tracker's only writer). */
export const BACKGROUND: Destination = {
  post: (message) => browser.runtime.sendMessage(message),
  missing: 'The extension did not answer. Reload the page and try again.',
  missingCode: 'extensionNoAnswer',
  unreachable: (cause) => `The extension could not be reached (${cause}).`,
  unreachableCode: 'extensionUnreachable',
};

/**
 * The content script of a tab. The top frame answers for the whole page: it reaches into
 * same-origin frames itself, and every frame answering would let the first (possibly the
 * wrong one) win.
 */
export function tabPost(tabId: number): Post {
  return (message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 });
}

export function inTab(post: Post): Destination {
  return {
    post,
    missing: 'The page did not answer.',
    missingCode: 'pageNoAnswer',
    unreachable: (cause) => `The page could not be reached (${cause}).`,
    unreachableCode: 'pageUnreachable',
  };
}

/** The one send: delivers the message, then checks the reply with the message's reply schema. */
export function send<S extends Record<string, ReplySchema<unknown>>, M extends { type: keyof S & string }>(
  to: Destination,
  replies: S,
  message: M,
): Promise<Sent<ReplyValue<S, M['type']>>> {
  return deliver(to, message, replies[message.type] as ReplySchema<ReplyValue<S, M['type']>>);
}

/**
 * Delivers a message and checks the reply's envelope; its value with `read` when given. The
 * content script gives none: its replies come from its own extension's worker, which built
 * them from what it parsed (messages.ts CONTENT_SCRIPT_REPLIES types them), and checking them
 * again would put zod in the script every impact.com page loads.
 */
export async function deliver<T = unknown>(to: Destination, message: unknown, read?: ReplySchema<T>): Promise<Sent<T>> {
  let raw: unknown;
  try {
    raw = await to.post(message);
  } catch (error) {
    const cause = String((error as Error)?.message ?? error);
    const why = to.unreachableCode ? { code: to.unreachableCode, params: { cause } } : {};
    return { ok: false, error: to.unreachable(cause), failure: 'unreachable', cause, ...why };
  }
  return check(raw, to.missing, read, to.missingCode);
}

/** Something of ours listens there (it got the message), whatever it answered. */
export function delivered(sent: Sent<unknown>): boolean {
  return sent.ok || sent.failure !== 'unreachable';
}
