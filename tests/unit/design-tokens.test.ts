/**
 * One set of design tokens (components/theme.css, between its "tokens" marks) for the popup,
 * the overview and the page controls: every variable they use is a token, each colour has a
 * dark value, and the page controls carry the tokens inside their shadow roots.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OVERLAY_CSS, QR_DIALOG_CSS, TOAST_CSS, tokensFor } from '../../components/overlay/styles';
import { themeTokensOnly, tokensRead } from '../../wxt.config';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const theme = read('components/theme.css');
const defined = (css: string) => new Set(Array.from(css.matchAll(/(--[a-z0-9-]+)\s*:/g), (m) => m[1]!));
const used = tokensRead;
const declarations = (css: string) => Array.from(css.matchAll(/(--[a-z0-9-]+)\s*:\s*([^;]+);/g), (m) => `${m[1]}: ${m[2]!.replace(/\s+/g, ' ').trim()}`);

describe('design tokens', () => {
  const tokens = tokensFor(':root', {}, theme);
  const [light, dark] = tokens.split('@media (prefers-color-scheme: dark)') as [string, string];

  it('colour, spacing, type and radius, light and dark: every colour of the light scheme has a dark value', () => {
    const names = defined(light);
    for (const group of ['--bg', '--fg', '--accent', '--ink', '--danger', '--ok', '--space-1', '--space-6', '--font', '--text-sm', '--radius', '--radius-pill']) expect(names.has(group), group).toBe(true);
    const colours = Array.from(names).filter((n) => /^--(bg|fg|muted|border|surface|accent|ink|danger|warn|ok|info|focus|shadow)/.test(n));
    expect(colours.length).toBeGreaterThan(15);
    expect(Array.from(defined(dark)).sort()).toEqual(colours.sort());
  });

  it('the popup, the overview and the page controls use only tokens', () => {
    const known = defined(tokens);
    for (const [file, css] of [
      ['components/theme.css', theme],
      ['entrypoints/popup/popup.css', read('entrypoints/popup/popup.css')],
      ['entrypoints/overview/overview.css', read('entrypoints/overview/overview.css')],
      ['components/overlay/styles.ts', OVERLAY_CSS + TOAST_CSS + QR_DIALOG_CSS],
    ] as const) {
      const unknown = Array.from(used(css)).filter((v) => !known.has(v));
      expect(unknown, file).toEqual([]);
    }
  });

  it("the page controls carry the light value of every token they read in their shadow roots, on .box (out of the page's reach)", () => {
    const controls = OVERLAY_CSS + TOAST_CSS + QR_DIALOG_CSS;
    expect(OVERLAY_CSS).toMatch(/^\/\* tokens:start \*\/\n\.box ?\{/);
    expect(OVERLAY_CSS).not.toContain('prefers-color-scheme');
    expect(OVERLAY_CSS).not.toContain(':root');
    for (const name of used(controls)) expect(defined(OVERLAY_CSS).has(name), name).toBe(true);
    const lightValues = new Set(declarations(light));
    for (const declaration of declarations(tokensFor('.box', { light: true }))) expect(lightValues.has(declaration), declaration).toBe(true);
    // Colours are tokens, not literals, but for our mark's brand colours and the QR code's white.
    // (The toast's and the QR dialog's rules come after these, in the same shadow roots: overlay/controls.ts createHost.)
    expect(Array.from((OVERLAY_CSS + TOAST_CSS + QR_DIALOG_CSS).slice(tokensFor('.box', { light: true }).length).matchAll(/#[0-9a-f]{3,6}\b/gi), (m) => m[0]).sort()).toEqual(
      ['#010101', '#161823', '#25f4ee', '#25f4ee', '#fe2c55', '#fe2c55', '#fff'].sort(),
    );
  });

  it("the content script's copy of theme.css (wxt.config.ts) declares the light values of the tokens the controls read, and nothing else", () => {
    const controls = used(read('components/overlay/styles.ts'));
    const trimmed = themeTokensOnly(theme, controls);
    expect(trimmed.length).toBeLessThan(tokens.length);
    // Only the light values: the controls never read the dark ones (they sit on impact.com's light page).
    expect(trimmed).not.toContain('prefers-color-scheme');
    const lightOfRead = declarations(light).filter((d) => controls.has(d.slice(0, d.indexOf(':'))));
    expect(lightOfRead.length).toBe(controls.size);
    expect(declarations(tokensFor('.box', { light: true }, trimmed))).toEqual(lightOfRead);
    expect(declarations(tokensFor('.box', {}, trimmed))).toEqual(lightOfRead);
    // Without a list, every light token.
    expect(declarations(themeTokensOnly(theme))).toEqual(declarations(light));
  });
});
