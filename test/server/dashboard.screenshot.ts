/**
 * The dashboard's picture in docs/dashboard.png, as an analyst sees it (Debian's Chromium, a Chinese font, the
 * published data set and an ANALYST key). Not a test: `npm run docs:screenshot` runs it with the tests' set-up
 * (jest, for the embedded database), after a change to the page.
 */
import path from 'node:path';
import { browseApp } from '../setup/chromium';
import { startTestApp } from '../setup/test-app';

it('takes docs/dashboard.png', async () => {
  const app = await startTestApp({ requireKey: true });
  const key = (await app.createKey('ANALYST')).key;
  const { origin, browser, close } = await browseApp(app);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    await context.addInitScript({ content: `sessionStorage.setItem('reform-registry.apiKey', ${JSON.stringify(key)});` });
    const page = await context.newPage();
    await page.goto(`${origin}/dashboard`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
    await page.screenshot({ path: path.join(__dirname, '..', '..', 'docs', 'dashboard.png'), fullPage: true });
  } finally {
    await close();
    await app.close();
  }
}, 300_000);
