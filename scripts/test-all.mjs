#!/usr/bin/env node
// `npm test`: every suite (typecheck, lint, unit, build, end-to-end), then one closing line
// `N passed, N failed` that totals them all, which is what CI reads.
// Typecheck, lint and build count as one check each; unit and e2e count their tests.
// Two lanes share the machine's cores: typecheck, lint and the build run one after another
// beside the unit tests (none of them reads what another writes); the end-to-end tests, the
// heaviest, run alone once the build is done. Each step's output is printed whole when it ends.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { ensureBrowser } from './browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });

const totals = { passed: 0, failed: 0 };
const lines = [];
const runStarted = performance.now();

/** Runs a command with its output captured, then prints it under the step's header. */
function run(label, command, args, env = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}), ...process.env, ...env },
    });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    const finish = (ok) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`\n=== ${label}: ${command} ${args.join(' ')} (${seconds} s)`);
      process.stdout.write(Buffer.concat(chunks));
      resolve({ ok, seconds });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

/** Like `run`, for the long e2e step: its output streams live (CI shows progress). */
function runLive(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    const finish = (ok) =>
      resolve({ ok, seconds: ((performance.now() - started) / 1000).toFixed(1) });
    child.on('error', () => finish(false));
    child.on('close', (code) => finish(code === 0));
  });
}

function countCheck(label, result) {
  if (result.ok) totals.passed += 1;
  else totals.failed += 1;
  lines.push(`${label}: ${result.ok ? 'ok' : 'FAILED'} (${result.seconds} s)`);
}

/** The first port from `start` that nothing listens on (the e2e server must own its port). */
async function freePort(start) {
  for (let port = start; port < start + 50; port += 1) {
    const free = await new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  return start;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// 1-3. Typecheck (the app and, on its own, the pure engine), lint and the production build
// (the end-to-end tests run against it) in one lane; the unit tests (engine, engine-client,
// store, share, CLI) in the other.
const unitJson = join(out, 'unit.json');
rmSync(unitJson, { force: true });
const checksLane = (async () => {
  const typecheck = await run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  const lint = await run('lint', 'npm', ['run', '--silent', 'lint']);
  const build = await run('build', 'npx', ['vite', 'build']);
  return { typecheck, lint, build };
})();
const unitLane = run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
const [{ typecheck, lint, build }, unit] = await Promise.all([checksLane, unitLane]);

countCheck('typecheck', typecheck);
countCheck('lint', lint);
const unitReport = readJson(unitJson);
if (unitReport) {
  const failed = unitReport.numFailedTests + (unitReport.numRuntimeErrorTestSuites ?? 0);
  totals.passed += unitReport.numPassedTests;
  totals.failed += failed;
  if (!unit.ok && failed === 0) totals.failed += 1; // a failing file with no failing test
  lines.push(`unit: ${unitReport.numPassedTests} passed, ${failed} failed (${unit.seconds} s)`);
} else {
  countCheck('unit (no report)', unit);
}
countCheck('build', build);

// 4. End-to-end tests in a real Chromium.
if (build.ok) {
  const browser = await ensureBrowser();
  if (!browser.ok) {
    console.error(`\nNo browser for the end-to-end tests: ${browser.message}`);
    totals.failed += 1;
    lines.push(`e2e: no browser (${browser.message})`);
  } else {
    const e2eJson = join(out, 'e2e.json');
    rmSync(e2eJson, { force: true });
    const e2e = await runLive('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
      NETPLAY_PREBUILT: '1',
      NETPLAY_E2E_PORT: String(await freePort(41730)),
      ...browser.env,
    });
    const report = readJson(e2eJson);
    if (report?.stats) {
      const passed = report.stats.expected + (report.stats.flaky ?? 0);
      const failed = report.stats.unexpected;
      totals.passed += passed;
      totals.failed += failed;
      if (!e2e.ok && failed === 0) totals.failed += 1;
      lines.push(`e2e: ${passed} passed, ${failed} failed (${e2e.seconds} s)`);
    } else {
      countCheck('e2e (no report)', e2e);
    }
  }
} else {
  lines.push('e2e: not run, the build failed');
  totals.failed += 1;
}

console.log(`\n=== summary (${((performance.now() - runStarted) / 1000).toFixed(1)} s in all)`);
for (const line of lines) console.log(line);
if (!existsSync(join(root, 'dist'))) console.log('(no dist/ was built)');
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
