/**
 * One set of design tokens (components/theme.css, between its "tokens" marks) for the popup,
 * the overview and the page controls: every variable they use is a token, each colour has a
 * dark value, and the page controls carry the tokens inside their shadow roots.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OVERLAY_CSS, QR_DIALOG_CSS, TOAST_CSS, tokensFor } from '../../components/overlay/styles';
import { themeTokensOnly } from '../../wxt.config';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const theme = read('components/theme.css');
const defined = (css: string) => new Set(Array.from(css.matchAll(/(--[a-z0-9-]+)\s*:/g), (m) => m[1]!));
const used = (css: string) => new Set(Array.from(css.matchAll(/var\((--[a-z0-9-]+)/g), (m) => m[1]!));

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

  it("the page controls carry the light tokens in their shadow roots, on .box (out of the page's reach)", () => {
    expect(OVERLAY_CSS.startsWith('/* tokens:start */\n.box {')).toBe(true);
    expect(OVERLAY_CSS).not.toContain('prefers-color-scheme');
    expect(OVERLAY_CSS).not.toContain(':root');
    expect(defined(OVERLAY_CSS)).toEqual(defined(light));
    // Colours are tokens, not literals, but for our mark's brand colours and the QR code's white.
    // (The toast's and the QR dialog's rules come after these, in the same shadow roots: overlay/controls.ts createHost.)
    expect(Array.from((OVERLAY_CSS + TOAST_CSS + QR_DIALOG_CSS).slice(tokensFor('.box', { light: true }).length).matchAll(/#[0-9a-f]{3,6}\b/gi), (m) => m[0]).sort()).toEqual(
      ['#010101', '#161823', '#25f4ee', '#25f4ee', '#fe2c55', '#fe2c55', '#fff'].sort(),
    );
  });

  it("the content script's copy of theme.css (wxt.config.ts) declares the same light values, and the page controls get the same stylesheet from it", () => {
    const declarations = (css: string) => Array.from(css.matchAll(/(--[a-z0-9-]+)\s*:\s*([^;]+);/g), (m) => `${m[1]}: ${m[2]!.replace(/\s+/g, ' ').trim()}`);
    const trimmed = themeTokensOnly(theme);
    expect(trimmed.length).toBeLessThan(tokens.length);
    expect(declarations(tokensFor('.box', { light: true }, trimmed))).toEqual(declarations(tokensFor('.box', { light: true }, theme)));
    // Only the light values: the controls never read the dark ones (they sit on impact.com's light page).
    expect(trimmed).not.toContain('prefers-color-scheme');
    expect(declarations(tokensFor('.box', {}, trimmed))).toEqual(declarations(tokensFor('.box', { light: true }, theme)));
  });
});
