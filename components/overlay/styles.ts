/**
 * Styles of the injected controls, scoped to our own (open) shadow roots so the page's CSS
 * cannot restyle them and ours cannot leak. Sized like impact.com's own small buttons, but
 * told apart from them at a glance: our mark (the TikTok-coloured dot) starts every row of
 * ours, our buttons have an ink outline and the one primary button is ink, never
 * impact.com's orange. Every text meets WCAG AA (4.5:1) on its background, light and dark.
 *
 * Colours, spacing, type and radius are the design tokens of components/theme.css (the block
 * between its "tokens" marks), set on each shadow root's `.box`: inside our shadow root, where
 * no page rule can reach them (a page rule on our host element would win over `:host`). The
 * light values, in either system scheme: they sit on impact.com's own (light) page.
 */
// The build hands this import the tokens block alone (wxt.config.ts themeTokensRaw).
import THEME_CSS from '../theme.css?raw';

/**
 * The tokens block of theme.css, for a shadow root: `:root, :host` become `selector`. With
 * `light`, the light values only: impact.com draws its pages light whatever the system's
 * scheme, and our controls sit on its background (dark tokens there would be light grey text
 * on white).
 */
export function tokensFor(selector: string, { light = false } = {}, theme: string = THEME_CSS): string {
  const start = theme.indexOf('/* tokens:start */');
  const end = theme.indexOf('/* tokens:end */');
  if (start < 0 || end < start) throw new Error('components/theme.css lost its tokens marks');
  let block = theme.slice(start, end);
  if (light) block = block.slice(0, block.indexOf('@media (prefers-color-scheme: dark)'));
  return block.replace(/:root,\s*:host/g, selector);
}

export const OVERLAY_CSS = `${tokensFor('.box', { light: true })}
:host{all:initial;display:block;direction:ltr}
.box{font:var(--text-md)/1.4 var(--font);color:var(--fg)}
:host([data-inline]){display:inline-block;vertical-align:middle}
:host([data-tiktok-helper="tile"]){contain:inline-size;min-width:0;max-width:100%}
*{box-sizing:border-box}
[hidden]{display:none!important}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:var(--space-3);margin:var(--space-3) 0}
.group{display:flex;flex-wrap:nowrap;align-items:center;gap:var(--space-2);margin:var(--space-2) 0;min-width:0;overflow:hidden}
.mark{width:10px;height:10px;border-radius:50%;flex:none;background:#161823;box-shadow:-1.5px -1.5px 0 #25f4ee,1.5px 1.5px 0 #fe2c55;margin:0 3px 0 2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.group-name{font-weight:600;font-size:var(--text-sm);color:var(--muted);margin-right:2px;flex:0 1 auto;min-width:3em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
button,.btn{display:inline-flex;align-items:center;gap:5px;padding:var(--space-2) 10px;min-height:28px;border-radius:14px;border:1px solid var(--ink);background:var(--bg);color:var(--ink);font:inherit;font-weight:550;cursor:pointer;white-space:normal;text-align:start;overflow-wrap:anywhere;text-decoration:none}
button:hover,.btn:hover{background:var(--ink-hover)}
button:focus-visible,.btn:focus-visible,input:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
button.primary{background:var(--ink);border-color:var(--ink);color:var(--ink-fg)}
button.primary:hover{filter:brightness(1.25)}
button.icon-only{padding:0;width:28px;justify-content:center;flex:none}
.group .chip{flex:none}
.row .chip{white-space:normal}
button[disabled]{opacity:.55;cursor:default}
svg.icon{width:14px;height:14px;flex:none}
.chip{display:inline-flex;align-items:center;gap:var(--space-2);padding:var(--space-1) var(--space-4);border-radius:10px;font-size:var(--text-sm);font-weight:600;background:var(--surface);color:var(--muted);white-space:nowrap}
.chip[data-state="inProgress"]{background:var(--warn-bg);color:var(--warn)}
.chip[data-state="posted"],.chip[data-state="retrieving"]{background:var(--info-bg);color:var(--info)}
.chip[data-state="submitted"]{background:var(--ok-bg);color:var(--ok)}
.chip[data-state="retryScheduled"]{background:var(--warn-bg);color:var(--warn)}
.chip[data-state="needsAttention"]{background:var(--danger-bg);color:var(--danger)}
.chip .dot{width:8px;height:8px;border-radius:50%;background:#010101;box-shadow:-1px -1px 0 #25f4ee,1px 1px 0 #fe2c55}
.live{font-size:var(--text-sm);color:var(--ok);font-weight:600;min-height:1em}
.note{font-size:var(--text-sm);color:var(--muted);margin:var(--space-1) 0}
.note:empty{display:none}
.retry-note{color:var(--fg);max-width:60em}
.alert{border:1px solid var(--danger);background:var(--danger-bg);color:var(--danger);border-radius:var(--radius);padding:var(--space-3) 10px;margin:var(--space-3) 0;font-size:var(--text-sm)}
.manual{display:flex;flex-wrap:wrap;gap:var(--space-3);align-items:center;margin:var(--space-2) 0;font-size:var(--text-sm)}
.manual input{font:var(--text-sm)/1.4 var(--font-mono);padding:3px var(--space-3);border:1px solid var(--border);border-radius:var(--radius-sm);background:var(--bg);color:var(--fg);min-width:12em;flex:1}
`;

/** The toast's (overlay/toast.ts): only the page actions show one (the keyboard copy). */
export const TOAST_CSS = `:host([data-tiktok-helper="toast"]){position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:min(420px,calc(100vw - 32px))}
.toast{background:var(--bg);color:var(--fg);border:1px solid var(--ink);border-radius:10px;padding:10px 14px;box-shadow:0 8px 24px var(--shadow)}
.toast-text{margin:0;font-weight:600}
`;

/** The QR dialog's (overlay/qr-dialog.ts): loaded with it, not in the content script of every page. */
export const QR_DIALOG_CSS = `dialog{border:0;border-radius:12px;padding:20px 22px;max-width:min(380px,calc(100vw - 32px));box-shadow:0 18px 50px var(--shadow);background:var(--bg);color:var(--fg);font:inherit;text-align:center}
dialog::backdrop{background:rgba(20,27,45,.45)}
dialog h2{font-size:var(--text-lg);margin:0 0 var(--space-5);font-weight:650}
dialog .qr{display:flex;justify-content:center;margin:0 auto 10px;background:#fff}
dialog .qr svg{display:block;width:232px;height:232px;image-rendering:pixelated}
dialog .qr.waiting{height:232px}
dialog .qr-error{color:var(--danger);font-size:var(--text-sm);margin:var(--space-3) 0}
dialog .link{font:var(--text-sm)/1.4 var(--font-mono);word-break:break-all;margin:var(--space-3) 0;user-select:all}
dialog .hint{font-size:var(--text-md);color:var(--muted);margin:var(--space-3) 0 14px}
dialog .actions{display:flex;justify-content:center;gap:var(--space-4)}
`;
