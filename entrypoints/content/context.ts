/**
 * What every content-script feature shares: the page, the lifetime signal, a way to talk to
 * the background, a read-only live view of the tracker, the tasks seen on this page, and
 * focus memory across the page's re-renders. Wiring only: the parts live in utils/content/
 * and entrypoints/content/tracker-view.ts.
 */
import type { FocusMemory } from '@/utils/content/focus-memory';
import type { SeenTasks } from '@/utils/content/seen-tasks';
import type { ContentScriptSend } from '@/utils/messages';
import type { CreatorPath } from '@/utils/page/path';
import type { TrackedTask } from '@/utils/tracker/schema';
import type { TaskCampaign } from '@/utils/page/match';
import type { DiagnosticNote } from '@/utils/page/diagnostic-notes';
import type { OpenQrDialog } from '@/components/overlay/qr-dialog';

export interface TrackerView {
  /** Every stored task's campaign and account fields, read without checking the task (get checks it can be used). */
  campaigns(): (TaskCampaign & { accountId?: unknown; accountName?: unknown })[];
  get(key: string): TrackedTask | undefined;
  /** Called after every change of `local:tracker`; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface OverlayContext {
  doc: Document;
  signal: AbortSignal;
  /** The address of the page the creator is on (the top frame's, from inside a frame). */
  url(): string;
  /** This frame's own address, when it is a frame with one. */
  frameUrl(): string | undefined;
  /** What the creator pressed on the way here (Manage Tasks, View Task Details). */
  path(): CreatorPath | undefined;
  /** To the background: what a content script may send (messages.ts CONTENT_SCRIPT_MESSAGES). */
  send: ContentScriptSend;
  tracker: TrackerView;
  seen: SeenTasks;
  focus: FocusMemory;
  /** Detection problems found while decorating (reported by getDiagnostics). */
  problems: Map<string, DiagnosticNote>;
  /** The QR dialog, put into this frame by the worker on the first press (./qr.ts loadQrDialog). */
  qrDialog(): Promise<OpenQrDialog>;
}
