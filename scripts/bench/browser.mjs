/**
 * The hook for the browser benchmarks (budgets B4-B9, B15, B16 in docs/performance.md),
 * run by `npm run bench -- --browser`. Each entry is
 *
 *   { name: string, run: ({ root, resultsDir, record }) => Promise<string[]> }
 *
 * where `run` drives headless Chromium (Playwright), returns the lines to print, and calls
 * `record(id, what, value, budget, unit)` once per budget so the summary prints PASS/OVER.
 * Follow the guide: ≥ 3 interleaved rounds, medians, the load average, a baseline page
 * measured in the same run, 1920×1080, no timing assertions in tests.
 */
import { appBrowserBenchmark } from './browser-app.mjs';
import { offlineBrowserBenchmark } from './browser-offline.mjs';
import { lessonBrowserBenchmark } from './browser-lessons.mjs';
import { linksBrowserBenchmark } from './browser-links.mjs';
import { presenterBrowserBenchmark } from './browser-presenter.mjs';
import { smallScreensBrowserBenchmark } from './browser-small-screens.mjs';

export const BROWSER_BENCHMARKS = [
  appBrowserBenchmark,
  offlineBrowserBenchmark,
  lessonBrowserBenchmark,
  linksBrowserBenchmark,
  presenterBrowserBenchmark,
  smallScreensBrowserBenchmark,
];
