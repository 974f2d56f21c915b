import { chromium } from '@playwright/test';
const port = 41817;
const sizes = (process.env.SIZES ?? '390x844,768x1024,1024x768').split(',');
const hash = process.env.HASH ?? '';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage'] });
for (const s of sizes) {
  const [w, h] = s.split('x').map(Number);
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, hasTouch: true, isMobile: true, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  await page.goto(`http://127.0.0.1:${port}/${hash}`);
  await page.waitForSelector('[data-testid="graph-node"]');
  await page.waitForTimeout(Number(process.env.WAIT ?? 1500));
  if (process.env.ACTION) await (Object.getPrototypeOf(async () => {}).constructor("page", process.env.ACTION))(page);
  const sw = await page.evaluate(() => [document.scrollingElement.scrollWidth, innerWidth, document.documentElement.clientWidth]);
  console.log(s, 'scrollWidth/innerWidth', sw);
  await page.screenshot({ path: `/tmp/ss/${process.env.TAG ?? 'shot'}-${s}.png` });
  await ctx.close();
}
await browser.close();
