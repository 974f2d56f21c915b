import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// npm test picks a free port (NETPLAY_E2E_PORT) so a busy 41730 never stops the run.
const PORT = Number(process.env.NETPLAY_E2E_PORT ?? 41730);
// Debian's Chromium where it exists (Playwright's browser download is blocked on some machines).
const chromiumPath = [process.env.NETPLAY_CHROMIUM, '/usr/bin/chromium'].find(
  (p): p is string => !!p && existsSync(p),
);
// scripts/e2e.mjs builds once and sets NETPLAY_PREBUILT; on its own, Playwright builds first.
const serve = `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  // Two workers on two cores: much of a test is waiting (page load, animations, debounces), so
  // a second browser page fills that time. A file's tests stay in one worker, in order
  // (fullyParallel false), and files never share state: each test has its own browser context.
  // NETPLAY_E2E_WORKERS=1 runs them one at a time.
  fullyParallel: false,
  workers: Number(process.env.NETPLAY_E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: true,
  // A hang guard, not a speed check: with two workers sharing the cores (and a busy CI machine),
  // the heaviest tests (axe over the whole page, every lesson in one test) need the room.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    ...devices['Desktop Chrome'],
    viewport: { width: 1600, height: 1000 },
    // Recording a trace costs every test CPU even when it passes (measured ~15% of the suite's);
    // a failure still leaves its screenshot and error context. NETPLAY_E2E_TRACE=1 records traces
    // again (kept for failed tests only), for chasing a failure.
    trace: process.env.NETPLAY_E2E_TRACE === '1' ? 'retain-on-failure' : 'off',
    // The built app registers a service worker; no spec but offline.spec.ts may have one
    // answering its requests (page.route would not see them, and a cache could hide a change).
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: process.env.NETPLAY_PREBUILT ? serve : `npx vite build && ${serve}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
