/**
 * Regenerates public/icon/<size>.png from one inline SVG (a lens with a target dot) using headless
 * Chromium, so the icons are reproducible: `npx tsx scripts/make-icons.ts`.
 * Transparent background (omitBackground); the PNGs are committed, this script is for changes.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './lib/browsers-system.ts';

const SIZES = [16, 32, 48, 96, 128];
const OUT = path.join(import.meta.dirname, '..', 'public', 'icon');

// 128-unit grid; strokes are thick enough to survive 16 px.
const svg = (size: number) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <line x1="84" y1="84" x2="114" y2="114" stroke="#2b2f9e" stroke-width="20" stroke-linecap="round"/>
  <circle cx="54" cy="54" r="40" fill="#ffffff" stroke="#3b3fd8" stroke-width="14"/>
  <circle cx="54" cy="54" r="22" fill="none" stroke="#3b3fd8" stroke-width="7" opacity="0.45"/>
  <circle cx="54" cy="54" r="12" fill="#ff5a36"/>
</svg>`;

async function main() {
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: findChromium().path,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
      const file = path.join(OUT, `${size}.png`);
      await page.locator('svg').screenshot({ path: file, omitBackground: true });
      console.log('wrote', path.relative(process.cwd(), file));
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
