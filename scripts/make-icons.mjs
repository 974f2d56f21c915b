#!/usr/bin/env node
// Renders the app's PNG icons from public/favicon.svg with headless Chromium, so every icon is the
// same drawing: `node scripts/make-icons.mjs` (run after editing the SVG; the PNGs are committed).
// The maskable and Apple icons are full-bleed squares with the drawing inside the safe zone.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const publicDir = join(root, 'public');
const svg = readFileSync(join(publicDir, 'favicon.svg'), 'utf8');

/** The drawing without its rounded background, shrunk into the maskable safe zone (a circle of 80 %). */
function fullBleed(scale) {
  const inner = svg
    .replace(/<svg[^>]*>/, '')
    .replace('</svg>', '')
    .replace(/<title>.*<\/title>/, '')
    .replace(/<rect[^>]*\/>/, '');
  const offset = (64 * (1 - scale)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#1d4ed8"/><g transform="translate(${offset} ${offset}) scale(${scale})">${inner}</g></svg>`;
}

const icons = [
  { file: 'favicon.png', size: 32, svg },
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'icon-maskable-512.png', size: 512, svg: fullBleed(0.7) },
  { file: 'apple-touch-icon.png', size: 180, svg: fullBleed(0.8) },
];

const executablePath = [process.env.NETPLAY_CHROMIUM, '/usr/bin/chromium'].find(
  (p) => p && existsSync(p),
);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({
      viewport: { width: icon.size, height: icon.size },
      deviceScaleFactor: 1,
    });
    const sized = icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.screenshot({ path: join(publicDir, icon.file), omitBackground: true });
    await page.close();
    console.log(`public/${icon.file} ${icon.size}×${icon.size}`);
  }
} finally {
  await browser.close();
}
