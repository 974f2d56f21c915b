// Finds a Chromium for Playwright: Debian's (/usr/bin/chromium) where it exists, installing it
// with apt when we are root on a Debian-like machine without a browser download (as in CI);
// otherwise Playwright's own browser, downloaded once on a user's machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const systemPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function systemChromium() {
  const fromEnv = process.env.NETPLAY_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return systemPaths.find((p) => existsSync(p));
}

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function sh(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

/** @returns {Promise<{ok: boolean, env: Record<string,string>, message: string}>} */
export async function ensureBrowser() {
  let path = systemChromium();
  if (path) return { ok: true, env: { NETPLAY_CHROMIUM: path }, message: path };
  if (await playwrightChromium()) return { ok: true, env: {}, message: "Playwright's Chromium" };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    sh('apt-get', ['update', '-qq']);
    sh('apt-get', ['install', '-y', '-qq', 'chromium']);
    path = systemChromium();
    if (path) return { ok: true, env: { NETPLAY_CHROMIUM: path }, message: path };
  }
  if (sh('npx', ['playwright', 'install', 'chromium']) && (await playwrightChromium())) {
    return { ok: true, env: {}, message: "Playwright's Chromium" };
  }
  return {
    ok: false,
    env: {},
    message:
      'install Chromium (Debian: apt-get install -y chromium) or run `npx playwright install chromium`',
  };
}
