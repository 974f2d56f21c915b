#!/usr/bin/env node
/**
 * The `netplay` executable. It runs the TypeScript sources (src/cli/main.ts and the engine)
 * with no build step for the user to remember.
 *
 * Why a cached esbuild bundle and not `tsx` on every run: measured on this 2-core machine,
 * `tsx/esm/api` register + import of the sources costs ~350-450 ms per start (tsx compiles
 * every module through its loader hooks), while importing one pre-bundled .mjs costs ~60-80 ms
 * in total. So the first run bundles src/cli/main.ts with esbuild (already installed: tsx
 * depends on it) into node_modules/.cache/netplay/ (~100-200 ms, once), and every later run
 * checks the mtime and size of each bundled source (a few dozen stat calls, < 2 ms) and
 * imports the cached bundle. Any change to a source rebuilds it. When esbuild is missing or
 * the cache cannot be written (read-only install), or NETPLAY_TSX=1 is set, it falls back to
 * tsx's ESM API, which needs nothing written.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src', 'cli', 'main.ts');
const cacheDir = join(root, 'node_modules', '.cache', 'netplay');
const bundlePath = join(cacheDir, 'cli.mjs');
const stampPath = join(cacheDir, 'cli.stamp.json');

function readVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** True when the cached bundle was built from exactly the sources on disk now. */
function bundleIsFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.root !== root || stamp.node !== process.version || !existsSync(bundlePath)) return false;
  for (const [file, mtimeMs, size] of stamp.inputs) {
    try {
      const s = statSync(join(root, file));
      if (s.mtimeMs !== mtimeMs || s.size !== size) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Bundles the CLI with esbuild into one ESM file (sources and npm packages). */
async function buildBundle() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // npm packages are bundled too: `yaml` ships CommonJS for Node, and loading its ~40
    // files through the CJS loader cost more than the rest of the start-up together.
    banner: {
      js: "import { createRequire as __netplayRequire } from 'node:module'; const require = __netplayRequire(import.meta.url);",
    },
    metafile: true,
    write: false,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const code = result.outputFiles[0].text;
  // Every input the bundle was made of, with its mtime and size, to know when to rebuild.
  // This file too: its build options shape the bundle.
  const self = relative(root, fileURLToPath(import.meta.url));
  const inputs = [...Object.keys(result.metafile.inputs), self].map((file) => {
    const s = statSync(join(root, file));
    return [file, s.mtimeMs, s.size];
  });
  mkdirSync(cacheDir, { recursive: true });
  // Written under a unique name then renamed: parallel first runs never see half a file.
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, bundlePath);
  const stampTmp = `${stampPath}.${process.pid}.tmp`;
  writeFileSync(stampTmp, JSON.stringify({ root, node: process.version, inputs }));
  renameSync(stampTmp, stampPath);
}

async function loadMain() {
  if (process.env.NETPLAY_TSX !== '1') {
    try {
      if (!bundleIsFresh()) await buildBundle();
      return await import(pathToFileURL(bundlePath).href);
    } catch {
      // esbuild missing, a read-only node_modules, or a build error: tsx reports it better.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(entry).href);
}

// Piping into `head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

try {
  const { runCli, nodeIO } = await loadMain();
  process.exitCode = await runCli(process.argv.slice(2), nodeIO(readVersion()));
} catch (err) {
  // Only a broken install gets here (the sources fail to load): one line, exit code 2.
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(`netplay: cannot start: ${message}\n`);
  process.exitCode = 2;
}
