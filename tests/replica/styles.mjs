// One look for all three markup families. The CSS is written against class *tokens*;
// each family maps tokens to its own class names (readable, UICL-style, or hashed).
import { randomBytes } from 'node:crypto';

export const TOKENS = [
  'app', 'topbar', 'logo', 'logoMark', 'nav', 'navItem', 'navBtn', 'menu', 'menuItem', 'account', 'accountBtn',
  'avatar', 'main', 'pageHead', 'pageTitle', 'subtitle', 'crumbs', 'tabs', 'tab', 'tabActive', 'grid', 'tile',
  'tileHead', 'tileName', 'tileBrand', 'tileMeta', 'tileFoot', 'tileActions', 'platforms', 'pIcon', 'btn',
  'btnPrimary', 'btnGhost', 'chip', 'chipOk', 'chipWarn', 'chipInfo', 'chipMuted', 'cards', 'card', 'statValue',
  'statLabel', 'tasks', 'taskHead', 'taskRow', 'taskName', 'taskCell', 'taskActions', 'overlay', 'panel',
  'panelHead', 'panelTitle', 'panelClose', 'panelBody', 'section', 'sectionTitle', 'kv', 'kvKey', 'kvVal',
  'disclosure', 'disclosureBtn', 'disclosureBody', 'caret', 'copy', 'copyInput', 'alert', 'alertError',
  'alertWarn', 'alertOk', 'deliverable', 'thumb', 'log', 'logItem', 'logTime', 'sow', 'muted', 'empty',
  'spinner', 'visuallyHidden', 'code', 'linkText', 'loading',
];

export const semanticClasses = Object.fromEntries(TOKENS.map((t) => [t, t.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())]));

export const uiclClasses = Object.fromEntries(
  TOKENS.map((t) => {
    const special = {
      card: 'iui-card', tile: 'iui-card iui-campaign-card', taskRow: 'iui-card iui-task-row', panel: 'iui-modal iui-modal--slideout',
      overlay: 'iui-modal-screen', section: 'iui-form-section', btn: 'iui-button', btnPrimary: 'iui-button--primary',
      btnGhost: 'iui-button--ghost', chip: 'iui-badge', tab: 'iui-tabs__tab', tabs: 'iui-tabs', tabActive: 'iui-tabs__tab--active',
      alert: 'iui-alert', alertError: 'iui-alert--error', alertWarn: 'iui-alert--warning', alertOk: 'iui-alert--success',
    };
    return [t, special[t] ?? 'iui-' + t.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())];
  }),
);

/** Fresh hashed names (e.g. `_a3f9c`) — call once per server start. */
export function makeHashedClasses() {
  const used = new Set();
  const map = {};
  for (const t of TOKENS) {
    let name;
    do name = '_' + randomBytes(3).toString('hex').slice(0, 5);
    while (used.has(name));
    used.add(name);
    map[t] = name;
  }
  return map;
}

/** Build CSS for a class map. Multi-class values (e.g. 'iui-card iui-task-row') use their last class. */
export function buildCss(map) {
  const c = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, '.' + v.trim().split(/\s+/).pop()]));
  return `
:root{--navy:#141b2d;--navy2:#1f2940;--accent:#f0553a;--accent2:#d9432a;--ink:#1d2433;--ink2:#5b6478;--line:#e3e6ee;--bg:#f5f6fa;--ok:#1e8e5a;--warn:#b86e00;--err:#c62d2d;--info:#2b62d9}
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK JP","Noto Sans Arabic",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--info)}
${c.visuallyHidden}{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
${c.topbar}{display:flex;align-items:center;gap:24px;height:56px;padding:0 24px;background:var(--navy);color:#fff;position:sticky;top:0;z-index:20}
${c.logo}{display:flex;align-items:center;gap:8px;color:#fff;text-decoration:none;font-weight:700;font-size:17px;letter-spacing:.2px}
${c.logoMark}{width:26px;height:26px;border-radius:7px;background:var(--accent);display:inline-flex;align-items:center;justify-content:center;font-size:13px;color:#fff}
${c.nav}{display:flex;align-items:stretch;gap:4px;height:100%;margin:0;padding:0;list-style:none;flex:1}
${c.navItem}{position:relative;display:flex;align-items:center;list-style:none}
${c.navBtn}{background:none;border:0;color:#d7dbe6;font:inherit;font-weight:500;padding:8px 12px;border-radius:6px;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center;gap:6px}
${c.navBtn}:hover,${c.navBtn}[aria-expanded="true"]{background:var(--navy2);color:#fff}
${c.menu}{position:absolute;top:calc(100% - 4px);left:0;min-width:200px;background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 10px 30px rgba(20,27,45,.18);padding:6px;margin:0;list-style:none;z-index:30}
${c.menu}[hidden]{display:none}
${c.menuItem}{display:block;padding:8px 12px;border-radius:6px;color:var(--ink);text-decoration:none;white-space:nowrap;cursor:pointer}
${c.menuItem}:hover,${c.menuItem}:focus{background:var(--bg);outline:none}
${c.account}{display:flex;align-items:center;gap:10px;margin-left:auto;position:relative}
${c.accountBtn}{display:flex;align-items:center;gap:8px;background:var(--navy2);color:#fff;border:1px solid #2c3752;border-radius:18px;padding:4px 12px 4px 4px;font:inherit;cursor:pointer;text-decoration:none}
${c.avatar}{width:28px;height:28px;border-radius:50%;background:#6c5ce7;color:#fff;display:inline-flex;align-items:center;justify-content:center;font-size:12px;font-weight:700;flex:none}
${c.main}{max-width:1280px;margin:0 auto;padding:24px}
${c.pageHead}{display:flex;align-items:flex-end;justify-content:space-between;gap:16px;margin-bottom:16px}
${c.pageTitle}{font-size:24px;font-weight:650;margin:0}
${c.subtitle}{color:var(--ink2);margin:4px 0 0}
${c.crumbs}{display:flex;gap:6px;color:var(--ink2);font-size:13px;margin:0 0 8px;padding:0;list-style:none}
${c.crumbs} a{color:var(--ink2)}
${c.tabs}{display:flex;gap:4px;border-bottom:1px solid var(--line);margin:0 0 20px}
${c.tab}{padding:10px 14px;border:0;background:none;font:inherit;color:var(--ink2);border-bottom:2px solid transparent;margin-bottom:-1px;cursor:pointer;text-decoration:none}
${c.tab}:hover{color:var(--ink)}
${c.tabActive}{color:var(--ink);border-bottom-color:var(--accent);font-weight:600}
${c.grid}{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:16px;margin:0;padding:0;list-style:none}
${c.tile}{position:relative;display:flex;flex-direction:column;background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px;min-height:178px;transition:box-shadow .15s,border-color .15s;list-style:none;margin:0}
${c.tile}:hover,${c.tile}:focus-within{box-shadow:0 8px 24px rgba(20,27,45,.12);border-color:#cfd4e0}
${c.tileHead}{display:flex;gap:12px;align-items:flex-start}
${c.tileName}{font-size:15px;font-weight:600;margin:0;line-height:1.3;overflow:hidden;text-overflow:ellipsis;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;word-break:break-word}
${c.tileBrand}{color:var(--ink2);margin:2px 0 0;font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:190px}
${c.tileMeta}{color:var(--ink2);font-size:12.5px;margin:12px 0 0}
${c.tileFoot}{display:flex;align-items:flex-end;justify-content:space-between;margin-top:auto;padding-top:12px;gap:8px}
${c.tileActions}{opacity:0;transition:opacity .12s;display:flex;gap:8px}
${c.tile}:hover ${c.tileActions},${c.tile}:focus-within ${c.tileActions}{opacity:1}
${c.platforms}{display:flex;gap:6px;margin:0 0 0 auto;padding:0;list-style:none;align-items:center}
${c.pIcon}{width:22px;height:22px;display:inline-flex;flex:none}
${c.pIcon} svg,${c.pIcon} img{width:22px;height:22px;display:block}
${c.btn}{display:inline-flex;align-items:center;justify-content:center;gap:6px;padding:7px 14px;border-radius:6px;border:1px solid var(--line);background:#fff;color:var(--ink);font:inherit;font-weight:550;cursor:pointer;text-decoration:none;white-space:nowrap}
${c.btn}:hover{background:var(--bg)}
${c.btn}:focus-visible{outline:2px solid var(--info);outline-offset:2px}
${c.btn}[disabled]{opacity:.55;cursor:default}
${c.btnPrimary}{background:var(--accent);border-color:var(--accent);color:#fff}
${c.btnPrimary}:hover{background:var(--accent2)}
${c.btnGhost}{border-color:transparent;background:transparent}
${c.chip}{display:inline-block;padding:2px 9px;border-radius:10px;font-size:12px;font-weight:600;background:#eef0f5;color:var(--ink2);white-space:nowrap}
${c.chipOk}{background:#e3f5ec;color:var(--ok)}
${c.chipWarn}{background:#fff3df;color:var(--warn)}
${c.chipInfo}{background:#e6eeff;color:var(--info)}
${c.chipMuted}{background:#eef0f5;color:var(--ink2)}
${c.cards}{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px;margin-bottom:24px}
${c.card}{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px}
${c.statValue}{font-size:26px;font-weight:650}
${c.statLabel}{color:var(--ink2);font-size:13px}
${c.tasks}{width:100%;background:#fff;border:1px solid var(--line);border-radius:10px;border-collapse:separate;border-spacing:0;overflow:hidden;margin:0;padding:0;list-style:none}
${c.taskHead}{display:grid;grid-template-columns:2.2fr 1fr 1.6fr 1fr 1.2fr;gap:12px;padding:10px 16px;background:#fafbfd;color:var(--ink2);font-size:12px;text-transform:uppercase;letter-spacing:.4px;font-weight:600;border-bottom:1px solid var(--line)}
${c.taskHead} th{text-align:left;font-weight:600;padding:10px 16px}
${c.taskRow}{display:grid;grid-template-columns:2.2fr 1fr 1.6fr 1fr 1.2fr;gap:12px;align-items:center;padding:12px 16px;border:0;border-bottom:1px solid var(--line);border-radius:0;background:#fff;margin:0}
tr${c.taskRow}{display:table-row}
tr${c.taskRow} > td{padding:12px 16px;border-bottom:1px solid var(--line)}
${c.taskRow}:hover,${c.taskRow}:focus-within{background:#fafbfd}
${c.taskName}{font-weight:600;word-break:break-word}
${c.taskCell}{display:flex;align-items:center;gap:6px;color:var(--ink2)}
td${c.taskCell}{display:table-cell}
${c.taskActions}{opacity:0;transition:opacity .12s;text-align:right}
${c.taskRow}:hover ${c.taskActions},${c.taskRow}:focus-within ${c.taskActions}{opacity:1}
${c.overlay}{position:fixed;inset:0;background:rgba(20,27,45,.35);z-index:40;display:block}
${c.panel}{position:fixed;top:0;right:0;bottom:0;width:min(560px,100vw);background:#fff;z-index:50;box-shadow:-12px 0 40px rgba(20,27,45,.22);display:flex;flex-direction:column;animation:slidein .18s ease-out}
@keyframes slidein{from{transform:translateX(40px);opacity:.4}to{transform:none;opacity:1}}
${c.panelHead}{display:flex;align-items:flex-start;gap:12px;padding:18px 22px;border-bottom:1px solid var(--line)}
${c.panelTitle}{font-size:18px;font-weight:650;margin:0;flex:1;word-break:break-word}
${c.panelClose}{border:0;background:none;font-size:22px;line-height:1;cursor:pointer;color:var(--ink2);text-decoration:none;padding:2px 6px;border-radius:6px}
${c.panelClose}:hover{background:var(--bg)}
${c.panelBody}{padding:6px 22px 28px;overflow:auto;flex:1}
${c.section}{border-bottom:1px solid var(--line);padding:16px 0;margin:0}
${c.sectionTitle}{font-size:13px;text-transform:uppercase;letter-spacing:.5px;color:var(--ink2);margin:0 0 10px;font-weight:650}
${c.kv}{display:grid;grid-template-columns:150px 1fr;gap:8px 12px;margin:0}
${c.kvKey}{color:var(--ink2);margin:0}
${c.kvVal}{margin:0;overflow-wrap:anywhere}
${c.disclosure}{border:1px solid var(--line);border-radius:8px;margin:16px 0;background:#fcfcfe}
${c.disclosureBtn}{display:flex;width:100%;align-items:center;justify-content:space-between;gap:8px;padding:12px 14px;border:0;background:none;font:inherit;font-weight:600;cursor:pointer;text-align:left;list-style:none}
${c.disclosureBtn}::-webkit-details-marker{display:none}
${c.caret}{transition:transform .15s;display:inline-block;color:var(--ink2)}
[aria-expanded="true"] > ${c.caret},details[open] > summary ${c.caret}{transform:rotate(180deg)}
${c.disclosureBody}{padding:4px 14px 14px}
${c.disclosureBody}[hidden]{display:none}
${c.copy}{display:flex;gap:8px;align-items:center}
${c.copyInput}{flex:1;min-width:0;padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#fff}
${c.code}{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f1f3f8;padding:2px 6px;border-radius:4px;word-break:break-all}
${c.linkText}{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
${c.alert}{border-radius:8px;padding:10px 12px;margin:10px 0;border:1px solid;font-size:13.5px}
${c.alertError}{background:#fdecec;border-color:#f3c2c2;color:#8f1f1f}
${c.alertWarn}{background:#fff6e5;border-color:#f2d49b;color:#7a4a00}
${c.alertOk}{background:#e8f6ef;border-color:#b7e2cb;color:#11603b}
${c.deliverable}{display:flex;gap:12px;align-items:center;border:1px solid var(--line);border-radius:8px;padding:10px;margin:6px 0 10px}
${c.thumb}{width:54px;height:96px;border-radius:6px;object-fit:cover;background:#111;flex:none}
${c.log}{margin:0;padding:0;list-style:none}
${c.logItem}{display:flex;gap:10px;padding:6px 0;border-bottom:1px dashed var(--line);font-size:13px}
${c.logTime}{color:var(--ink2);white-space:nowrap;min-width:150px}
${c.sow}{background:#f7f8fb;border-left:3px solid var(--accent);padding:8px 10px;margin:10px 0 0;font-size:13px}
${c.muted}{color:var(--ink2)}
${c.empty}{color:var(--ink2);padding:32px;text-align:center;background:#fff;border:1px dashed var(--line);border-radius:10px}
${c.loading}{color:var(--ink2);padding:40px;text-align:center}
${c.spinner}{display:inline-block;width:14px;height:14px;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:spin .7s linear infinite;vertical-align:-2px}
@keyframes spin{to{transform:rotate(360deg)}}
`;
}
