/** The `getDiagnostics` command: what the overlay recognises on this page (for the popup). */
import type { Diagnostics } from '@/utils/messages';
import { collectDiagnostics } from '@/utils/page/diagnostics';
import type { OverlayContext } from '../context';

export function handleGetDiagnostics(ctx: OverlayContext): Diagnostics {
  return collectDiagnostics(ctx.doc, ctx.url(), [...ctx.problems.values()]);
}
