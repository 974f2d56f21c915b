#!/usr/bin/env node
// `npm run test:e2e`: build once, then run the Playwright journeys against `vite preview`,
// and print one closing line with the result. Extra arguments go to Playwright.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    .status ?? 1;

const started = performance.now();
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
  console.log('e2e: not run, the build failed');
  process.exit(1);
}
const status = run('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  NETPLAY_PREBUILT: '1',
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`e2e: ${status === 0 ? 'passed' : 'FAILED'} (exit ${status}, ${seconds} s)`);
process.exit(status);
