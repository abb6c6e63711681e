/**
 * The browser for browser tests: Debian's `chromium` package, never a browser downloaded by a test
 * tool (the machines we run on cannot reach browser CDNs; playwright-core only drives it).
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { findOrInstall, installPackage } from './debian-package';
import type { TestApp } from './test-app';

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

/**
 * Chromium's executable: CHROMIUM_PATH (a Chromium or Chrome), else /usr/bin/chromium, else
 * `chromium` on PATH; where there is none and we run as root with apt-get, Debian's package is
 * installed first (minutes, once).
 */
export const chromiumExecutable = (): Promise<string> =>
  findOrInstall({ binary: 'chromium', aptPackage: 'chromium', neededFor: 'the browser tests', envVar: 'CHROMIUM_PATH' });

/** Debian's WenQuanYi Zen Hei, a Chinese font (17 MB; fonts-noto-cjk is the larger alternative the README names). */
const CHINESE_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

/**
 * A Chinese font for the browser tests, so that pages are drawn as analysts see them: Debian's fonts-wqy-zenhei,
 * installed where missing as Chromium is (.ci/run installs it the same way before the tests).
 */
export async function chineseFont(): Promise<void> {
  if (existsSync(CHINESE_FONT)) return;
  await installPackage('fonts-wqy-zenhei', `A Chinese font is needed for the browser tests: sudo apt-get install -y --no-install-recommends fonts-wqy-zenhei`);
  if (!existsSync(CHINESE_FONT)) throw new Error(`apt-get installed fonts-wqy-zenhei, but ${CHINESE_FONT} is not there`);
}

/** A test app served on a free local port, and Debian's Chromium (with a Chinese font) to browse it. */
export interface BrowsedApp {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function browseApp(app: TestApp): Promise<BrowsedApp> {
  const server = await new Promise<Server>((resolve) => {
    const listening = app.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  // Installing Chromium or the font (first run on a bare machine) and starting the browser can take minutes.
  await chineseFont(); // so that pages' Chinese is drawn, and the dashboard's check for a missing font is tested against a real one
  const browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: CHROMIUM_ARGS, timeout: 180_000 });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
