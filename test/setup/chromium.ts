/**
 * The browser for browser tests: Debian's `chromium` package, never a browser downloaded by a test
 * tool (the machines we run on cannot reach browser CDNs; playwright-core only drives it).
 */
import { aptInstall, isExecutable, onPath } from './debian-package';

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

  await aptInstall('chromium', HOW_TO_INSTALL);
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium, but ${DEBIAN_PATH} is still missing. ${HOW_TO_INSTALL}`);
  console.log(`Installed Chromium at ${installed}.`);
  return installed;
}
