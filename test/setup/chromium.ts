/**
 * The browser for browser tests: Debian's `chromium` package, never a browser downloaded by a test
 * tool (the machines we run on cannot reach browser CDNs; playwright-core only drives it).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const DEBIAN_PATH = '/usr/bin/chromium';

const HOW_TO_INSTALL =
  "Chromium is needed for the browser tests and was not found. Install Debian's package " +
  '(sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/**
 * Flags for a headless Chromium on a closed network: without the background-networking ones it
 * keeps trying to reach Google's hosts. Playwright adds a fresh, empty --user-data-dir itself.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // tests run as root in CI containers, where the sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

const findChromium = () => (isExecutable(DEBIAN_PATH) ? DEBIAN_PATH : onPath('chromium'));

/**
 * Chromium's executable: CHROMIUM_PATH, else /usr/bin/chromium, else `chromium` on PATH. When
 * there is none and we run as root with apt-get, installs Debian's package first (minutes, once).
 */
export async function chromiumExecutable(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} is not an executable file. ${HOW_TO_INSTALL}`);
  }
  const found = findChromium();
  if (found) return found;

  const aptGet = onPath('apt-get');
  if (!aptGet || process.getuid?.() !== 0) throw new Error(HOW_TO_INSTALL);
  console.log("Chromium not found: installing Debian's chromium package (apt-get install chromium)…");
  const run = promisify(execFile);
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 };
  try {
    await run(aptGet, ['update'], options);
    await run(aptGet, ['install', '-y', '--no-install-recommends', 'chromium'], options);
  } catch (err) {
    throw new Error(`Installing chromium with apt-get failed: ${(err as Error).message}\n${HOW_TO_INSTALL}`);
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium, but ${DEBIAN_PATH} is still missing. ${HOW_TO_INSTALL}`);
  console.log(`Installed Chromium at ${installed}.`);
  return installed;
}
