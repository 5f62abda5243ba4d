/**
 * Convention: no visible English left in the UI code outside locales/*.yml. The source of
 * components/ and entrypoints/ (and the notifications' words in utils/background/) is parsed
 * with TypeScript and every place that puts text in front of the creator is checked for a
 * word in a string literal or a template:
 *
 * - JSX text, and the JSX attributes a person reads or hears (aria-label, title, placeholder,
 *   alt, label, copiedMessage, emptyText);
 * - in the page controls' DOM code: `el(doc, tag, props, ...children)` children and its
 *   aria-label/title/placeholder props, `button(doc, label, …)`, `showToast(doc, text)`,
 *   `announce(…, text)`, `announceLasting(…, …, text)`, `label:` of copy buttons, and
 *   `textContent =` / `title =` assignments;
 * - `text:` / `message:` / `title:` / `reason:` / `action:` properties of objects (the
 *   messages, notices and alerts the pages show).
 *
 * Exempt: text inside a JSX element with a `lang` attribute (impact.com's own menu words,
 * shown as its pages show them), and the few literals listed in ALLOWED with why.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['components', 'entrypoints'];
const EXTRA_FILES = ['utils/background/retrieve-notice.ts', 'utils/reminders.ts', 'utils/background/reminders.ts', 'utils/background/reminders-browser.ts'];

/** A word: two letters in a row (any script but digits and symbols). */
const WORD = /\p{L}{2,}/u;

/** Literals that are not interface words anywhere, with the reason. */
const ALLOWED_ANYWHERE: Record<string, string> = {
  'partners.example.com': 'an example address in the address field (no language)',
};

/** impact.com's own words, allowed inside an element with a `lang` attribute only. */
const ALLOWED: Record<string, string> = {
  'Discover → Find Campaigns → Participating': 'impact.com menu words, inside <strong lang="en">',
  'Manage Tasks': 'impact.com button, inside <strong lang="en">',
  'View Task Details': 'impact.com button, inside <strong lang="en">',
};

const ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'copiedMessage', 'emptyText', 'aria-description', 'aria-roledescription']);
const PROPERTIES = new Set(['text', 'message', 'title', 'reason', 'action', 'label', 'aria-label', 'placeholder']);
const CALLS: Record<string, number[]> = { button: [1], showToast: [1], announce: [1], announceLasting: [2] };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** The words a literal or template puts on screen, if any (templates: their fixed parts). */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isConditionalExpression(node)) return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(' | ') || undefined;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.PlusToken))
    return [literalText(node.left), literalText(node.right)].filter(Boolean).join(' ') || undefined;
  return undefined;
}

function insideLangElement(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxElement(n) && n.openingElement.attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText() === 'lang')) return true;
  }
  return false;
}

/** Every English (any-language) word the code shows outside the locale files. */
export function findVisibleLiterals(fileName: string, source: string): Finding[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string | undefined) => {
    if (text === undefined || !WORD.test(text)) return;
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (ALLOWED_ANYWHERE[trimmed] || (ALLOWED[trimmed] && insideLangElement(node))) return;
    found.push({ file: path.relative(ROOT, fileName), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: trimmed });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const init = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      if (init) report(init, literalText(init));
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      report(node.expression, literalText(node.expression));
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      for (const i of CALLS[name] ?? []) if (node.arguments[i]) report(node.arguments[i]!, literalText(node.arguments[i]!));
      if (name === 'el') {
        node.arguments.slice(3).forEach((a) => report(a, literalText(a)));
      }
    } else if (ts.isPropertyAssignment(node)) {
      const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '';
      if (PROPERTIES.has(key)) report(node.initializer, literalText(node.initializer));
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      if (['textContent', 'title', 'placeholder', 'ariaLabel', 'innerText'].includes(node.left.name.text)) report(node.right, literalText(node.right));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('no visible English outside the locale files', () => {
  it('catches what it is meant to catch (the check itself)', () => {
    const tsx = `
      export const A = () => <div><h2>Keyboard shortcuts</h2><input aria-label="Search tasks" placeholder={'Find…'} />
        <button title={\`Remove \${host}\`}>{t('x')}</button>{ok ? 'Saved.' : ''}<strong lang="en">View Task Details</strong>
        <CopyButton label="Copy invite link" /></div>;`;
    expect(findVisibleLiterals('/x/a.tsx', tsx).map((f) => f.text)).toEqual(['Keyboard shortcuts', 'Search tasks', 'Find…', 'Remove …', 'Saved.', 'Copy invite link']);
    const dom = `
      const b = button(doc, 'Mark as posted', go);
      el(doc, 'div', { class: 'alert', role: 'alert' }, \`This code is not offered: \${r}\`);
      el(doc, 'span', { class: 'mark', 'aria-hidden': 'true', title: 'TikTok Deliverable Helper' });
      line.textContent = 'Tracker: ' + state;
      showToast(doc, 'Copied');
      announceLasting(live, key, 'Marked as posted');
      setMessage({ kind: 'ok', text: \`\${host} is allowed.\` });
      el(doc, 'p', { class: 'hint' }, t('qr.hint'));`;
    expect(findVisibleLiterals('/x/b.ts', dom).map((f) => f.text)).toEqual([
      'Mark as posted',
      'This code is not offered: …',
      'TikTok Deliverable Helper',
      'Tracker:',
      'Copied',
      'Marked as posted',
      '… is allowed.',
    ]);
  });

  it('in components/, entrypoints/ and the notifications', () => {
    const all = [...DIRS.flatMap((d) => files(path.join(ROOT, d))), ...EXTRA_FILES.map((f) => path.join(ROOT, f))];
    expect(all.length).toBeGreaterThan(30);
    const found = all.flatMap((f) => findVisibleLiterals(f, readFileSync(f, 'utf8')));
    expect(found.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });
});
