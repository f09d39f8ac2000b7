// The explorer prints a date at its own precision, in a real browser, in both languages: the
// Henan sources say the big-data bureau was renamed "今年4月" and the Henan measures were issued
// "2020年3月", so the timeline and the details of a node say "April 2022" / "2022年4月" and
// "March 2020" / "2020年3月", never the first day the database stores for them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { landed, open, startExplorer, type Explorer } from './harness.js';

const CASE = 'henan-red-code-2022';
const MEASURES = 'henan-health-code-measures-2020';

let x: Explorer;
beforeAll(async () => {
  x = await startExplorer();
}, 300_000);
afterAll(async () => {
  await x?.close();
});

const WORDS = {
  en: { renamed: 'April 2022', issued: 'March 2020' },
  zh: { renamed: '2022年4月', issued: '2020年3月' },
};

describe('dates at their precision in the explorer', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`shows month-only dates as months in the timeline and the details (${lang})`, async () => {
      const { page, errors } = await open(x, `#case=${CASE}&lang=${lang}&tab=time`, undefined, { waitForGraph: false });
      await landed(page).catch((e: unknown) => {
        throw new Error(`${String(e)}; console errors: ${JSON.stringify(errors)}`);
      });
      const timeline = page.getByTestId('timeline');
      await timeline.locator('li.kind-BODY_RENAMED time').first().waitFor({ state: 'attached', timeout: 30_000 });
      const renamed = await timeline.locator('li.kind-BODY_RENAMED time').first().textContent();
      expect(renamed).toBe(WORDS[lang].renamed);
      const issued = await timeline.locator('li.kind-INSTRUMENT_ISSUED').filter({ hasText: WORDS[lang].issued }).count();
      expect(issued).toBeGreaterThan(0);
      const timelineText = (await timeline.textContent()) ?? '';
      for (const day of ['2022-04-01', '2020-03-01', '2022-04', '2020-03']) expect(timelineText).not.toContain(day);

      // The details of the measures: issued in March 2020, not on its first day.
      await page.evaluate((id) => (window as any).__quanze.select(id), MEASURES);
      const details = page.getByTestId('node-details');
      await details.waitFor({ state: 'attached', timeout: 30_000 });
      const detailsText = (await details.textContent()) ?? '';
      expect(detailsText).not.toContain('2020-03-01');
      expect(detailsText).not.toMatch(/Issued on Precision|Issued on Last/i);
      // The server sheds load with 503 when the shared machine is saturated (docs/reliability.md); anything else is an error.
      expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
