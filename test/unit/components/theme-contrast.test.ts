// Colour contrast of the theme tokens (WCAG 2.x formula), since axe cannot compute it in jsdom.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.join(import.meta.dirname, '../../../components/styles/base.css'), 'utf8');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--rl-([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background, minimum ratio]: 4.5 for text, 3 for bars and focus rings
const PAIRS: [string, string, number][] = [
  ['text', 'bg', 4.5],
  ['text', 'surface', 4.5],
  ['muted', 'bg', 4.5],
  ['muted', 'surface', 4.5],
  ['accent', 'bg', 4.5],
  ['accent', 'surface', 4.5],
  ['accent-text', 'accent', 4.5],
  ['danger', 'bg', 4.5],
  ['warn-text', 'warn-bg', 4.5],
  ['band-text', 'hot', 4.5],
  ['band-text', 'warm', 4.5],
  ['band-text', 'cold', 4.5],
  ['band-text', 'unscored', 4.5],
  ['bar', 'track', 3],
  ['bar', 'bg', 3],
  ['focus', 'bg', 3],
];

describe.each([
  ['light', ".rl-root"],
  ['dark', ".rl-root[data-theme='dark']"],
  ['system dark', ".rl-root[data-theme='system']"],
])('%s theme tokens meet WCAG AA', (_name, selector) => {
  const t = tokens(selector);
  it.each(PAIRS)('%s on %s', (fg, bg, min) => {
    expect(t[fg], `--rl-${fg}`).toMatch(/^#/);
    expect(t[bg], `--rl-${bg}`).toMatch(/^#/);
    expect(contrast(t[fg]!, t[bg]!)).toBeGreaterThanOrEqual(min);
  });
});

it('the contrast check itself rejects a low-contrast pair', () => {
  expect(contrast('#dde3ec', '#ffffff')).toBeLessThan(3);
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
});
