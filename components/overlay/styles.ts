/**
 * Styles of the injected controls, scoped to our own (open) shadow roots so the page's CSS
 * cannot restyle them and ours cannot leak. Sized like impact.com's own small buttons, but
 * told apart from them at a glance: our mark (the TikTok-coloured dot) starts every row of
 * ours, our buttons have a dark ink outline and the one primary button is ink, never
 * impact.com's orange. Every text meets WCAG AA (4.5:1) on its background.
 */
export const OVERLAY_CSS = `
:host{all:initial;display:block;font:13px/1.4 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;color:#1d2433;direction:ltr}
:host([data-inline]){display:inline-block;vertical-align:middle}
:host([data-tiktok-helper="tile"]){contain:inline-size;min-width:0;max-width:100%}
*{box-sizing:border-box}
[hidden]{display:none!important}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:6px 0}
.group{display:flex;flex-wrap:nowrap;align-items:center;gap:4px;margin:4px 0;min-width:0;overflow:hidden}
.mark{width:10px;height:10px;border-radius:50%;flex:none;background:#161823;box-shadow:-1.5px -1.5px 0 #25f4ee,1.5px 1.5px 0 #fe2c55;margin:0 3px 0 2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.group-name{font-weight:600;font-size:12px;color:#5b6478;margin-right:2px;flex:0 1 auto;min-width:3em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
button,.btn{display:inline-flex;align-items:center;gap:5px;padding:4px 10px;min-height:28px;border-radius:14px;border:1px solid #161823;background:#fff;color:#161823;font:inherit;font-weight:550;cursor:pointer;white-space:nowrap;text-decoration:none}
button:hover,.btn:hover{background:#eef0f5}
button:focus-visible,.btn:focus-visible,input:focus-visible{outline:2px solid #2b62d9;outline-offset:2px}
button.primary{background:#161823;border-color:#161823;color:#fff}
button.primary:hover{background:#33384a}
button.icon-only{padding:0;width:28px;justify-content:center;flex:none}
.group .chip{flex:none}
button[disabled]{opacity:.55;cursor:default}
svg.icon{width:14px;height:14px;flex:none}
.chip{display:inline-flex;align-items:center;gap:4px;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#eef0f5;color:#5b6478;white-space:nowrap}
.chip[data-state="inProgress"]{background:#fff3df;color:#8a5200}
.chip[data-state="posted"],.chip[data-state="retrieving"]{background:#e6eeff;color:#2353bd}
.chip[data-state="submitted"]{background:#e3f5ec;color:#1a6b45}
.chip[data-state="retryScheduled"]{background:#fff3df;color:#8a5200}
.chip[data-state="needsAttention"]{background:#fdecec;color:#a32121}
.chip .dot{width:8px;height:8px;border-radius:50%;background:#010101;box-shadow:-1px -1px 0 #25f4ee,1px 1px 0 #fe2c55}
.live{font-size:12px;color:#1e7a4f;font-weight:600;min-height:1em}
.note{font-size:12px;color:#5b6478;margin:2px 0}
.note:empty{display:none}
.retry-note{color:#1d2433;max-width:60em}
.alert{border:1px solid #f3c2c2;background:#fdecec;color:#8f1f1f;border-radius:6px;padding:6px 10px;margin:6px 0;font-size:12.5px}
.manual{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:4px 0;font-size:12px}
.manual input{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;padding:3px 6px;border:1px solid #d5d9e3;border-radius:4px;min-width:12em;flex:1}
:host([data-tiktok-helper="toast"]){position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:min(420px,calc(100vw - 32px))}
.toast{background:#fff;color:#1d2433;border:1px solid #161823;border-radius:10px;padding:10px 14px;box-shadow:0 8px 24px rgba(20,27,45,.25)}
.toast-text{margin:0;font-weight:600}
dialog{border:0;border-radius:12px;padding:20px 22px;max-width:min(380px,calc(100vw - 32px));box-shadow:0 18px 50px rgba(20,27,45,.35);color:#1d2433;font:inherit;text-align:center}
dialog::backdrop{background:rgba(20,27,45,.45)}
dialog h2{font-size:16px;margin:0 0 12px;font-weight:650}
dialog .qr{display:flex;justify-content:center;margin:0 auto 10px;background:#fff}
dialog .qr svg{display:block;width:232px;height:232px;image-rendering:pixelated}
dialog .link{font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace;word-break:break-all;margin:6px 0;user-select:all}
dialog .hint{font-size:13px;color:#5b6478;margin:6px 0 14px}
dialog .actions{display:flex;justify-content:center;gap:8px}
`;
