// Takes the README screenshot of the explorer's landing view with Debian's Chromium:
//   npx tsx test/ui/screenshot.ts [base URL, default http://localhost:4000] [output, default docs/screenshot-landing.png] [hash]
// The server must be running with the seed case (npm start).
import path from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from '../../server/config.js';

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};

export async function screenshotLanding(baseUrl: string, file: string, hash = ''): Promise<void> {
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    page.on('console', (m) => {
      if (m.type() === 'error') console.error('console:', m.text());
    });
    await page.goto(`${baseUrl}/${hash}`);
    await page.waitForSelector('[data-testid=finding]', { timeout: 30_000 }).catch(() => undefined);
    // The findings list can come before the graph: wait for the landing to be done (story drawn, framed), then for the animation to settle.
    await page.waitForFunction(() => (window as any).__quanze?.ready === true, undefined, { timeout: 90_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: file });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(projectRoot, 'test/ui/screenshot.ts')) {
  const [base = 'http://localhost:4000', out = path.join(projectRoot, 'docs', 'screenshot-landing.png'), hash = ''] = process.argv.slice(2);
  screenshotLanding(base, out, hash).then(
    () => console.log(`Wrote ${out}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
