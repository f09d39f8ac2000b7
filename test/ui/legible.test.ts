// Legible by default, on a laptop (1440×900) and a phone (390×844), in a real browser:
// captions and text of 11 px or more, contrast of 4.5:1 or more, tap targets of 32 px or more
// on the phone, its header in two lines and its tab bar, and answers brought into view.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { allCases, DESKTOP, landed, open, PHONE, startExplorer, type Explorer } from './harness.js';

let x: Explorer;
let cases: Awaited<ReturnType<typeof allCases>>;
beforeAll(async () => {
  x = await startExplorer();
  cases = await allCases(x);
}, 300_000);
afterAll(async () => {
  await x?.close();
});

/** Captions of the graph: the smallest size any caption may be drawn at, and how many are drawn now at 11 px or more. */
function captions(page: Page) {
  return page.evaluate(() => {
    const cy = (window as any).__quanze.cy;
    const zoom = cy.zoom();
    let minAllowed = Infinity;
    let readable = 0;
    cy.elements(':visible').forEach((el: any) => {
      if (!el.data('caption')) return;
      minAllowed = Math.min(minAllowed, el.pstyle('min-zoomed-font-size').pfValue);
      if (el.isNode() && el.pstyle('font-size').pfValue * zoom >= 11) readable++;
    });
    return { minAllowed, readable, zoom };
  });
}

/** Every visible element with its own text: its font size, and its contrast with the background behind it. */
function textProblems(page: Page) {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own || (el as HTMLElement).closest('[hidden], svg, option, .cy, [disabled]')) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const text = el.textContent.trim().slice(0, 30);
      const size = parseFloat(cs.fontSize);
      if (size < 11) out.push(`${size}px: ${text}`);
      const [a, b] = [lum(rgb(cs.color)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) out.push(`contrast ${ratio.toFixed(2)}: ${text} (${cs.color})`);
    }
    return out;
  });
}

/** Visible controls smaller than 32 px either way (a checkbox counts by its label). */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('button, a[href], input, select, summary')) {
      const target = (el as HTMLInputElement).type === 'checkbox' || (el as HTMLInputElement).type === 'radio' ? (el.closest('label') ?? el) : el;
      const r = target.getBoundingClientRect();
      if (!r.width || !r.height || (el as HTMLElement).closest('[hidden]') || r.bottom < 0 || r.top > innerHeight) continue;
      if (r.height < 32 || r.width < 32)
        out.push(`${Math.round(r.width)}×${Math.round(r.height)} ${el.tagName} ${(el.textContent ?? '').trim().slice(0, 20)}`);
    }
    return out;
  });
}

describe('legible by default', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`draws captions of 11 px or more and text of 11 px or more at 4.5:1 on landing, every case (${viewport.width}×${viewport.height})`, async () => {
      for (const c of cases) {
        const { page, errors } = await open(x, `#case=${c.id}&lang=en`, viewport);
        await landed(page);
        if (viewport === PHONE) await page.getByTestId('phone-graph').click();
        const drawn = await captions(page);
        expect(drawn.minAllowed).toBeGreaterThanOrEqual(11);
        expect({ case: c.id, readable: drawn.readable >= 3 }).toEqual({ case: c.id, readable: true });
        expect({ case: c.id, problems: await textProblems(page) }).toEqual({ case: c.id, problems: [] });
        if (viewport === PHONE) {
          await page.getByTestId('phone-findings').click();
          expect({ case: c.id, problems: await textProblems(page) }).toEqual({ case: c.id, problems: [] });
        }
        expect(errors).toEqual([]);
        await page.close();
      }
    }, 300_000);
  }

  it('zooms in, out and back to fit from its buttons, and shows a full name on hover', async () => {
    const { page } = await open(x, '#lang=en');
    await landed(page);
    const zoom = () => page.evaluate(() => (window as any).__quanze.cy.zoom() as number);
    const z0 = await zoom();
    await page.getByTestId('zoom-in').click();
    await page.waitForFunction((z) => (window as any).__quanze.cy.zoom() > z * 1.2, z0);
    await page.getByTestId('zoom-out').click();
    await page.getByTestId('zoom-out').click();
    await page.waitForFunction((z) => (window as any).__quanze.cy.zoom() < z, z0);
    await page.getByTestId('zoom-fit').click();
    await page.waitForTimeout(400);
    const at = await page.evaluate(() => {
      const cy = (window as any).__quanze.cy;
      const n = cy
        .nodes(':childless')
        .filter((m: any) => m.data('label') === 'Body')
        .first();
      const box = cy.container().getBoundingClientRect();
      const p = n.renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y, name: n.data('record').name as string };
    });
    await page.mouse.move(at.x, at.y);
    await page.getByTestId('node-tip').filter({ hasText: at.name }).waitFor();
    await page.close();
  });
});

describe('on a phone', () => {
  it('fits the header in two lines, keeps the tab bar on the first screen, and has tap targets of 32 px or more', async () => {
    const { page, errors } = await open(x, '#lang=en', PHONE);
    await landed(page);
    const header = await page.locator('header.top').boundingBox();
    const line = await page.getByTestId('lang-switch').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(2 * line!.height + 30);
    const tabs = await page.getByTestId('phone-tabs').boundingBox();
    expect(tabs!.y + tabs!.height).toBeLessThanOrEqual(PHONE.height);
    for (const view of ['findings', 'graph', 'ask', 'details']) {
      await page.getByTestId(`phone-${view}`).click();
      expect({ view, small: await smallTargets(page) }).toEqual({ view, small: [] });
    }
    await page.getByTestId('phone-graph').click();
    const stage = await page.locator('.graph-stage').boundingBox();
    expect(stage!.y).toBeLessThan(PHONE.height / 2);
    expect(stage!.height).toBeGreaterThan(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('brings an answer into view when it arrives', async () => {
    const { page, errors } = await open(x, '#lang=en', PHONE);
    await landed(page);
    await page.getByTestId('phone-ask').click();
    await page.locator('[data-testid=pick-power]').evaluate((el) => (el as HTMLInputElement).value !== '' || null);
    await page.getByTestId('ask-submit').click();
    const card = page.getByTestId('answer-card');
    await card.waitFor({ timeout: 60_000 });
    const box = await card.boundingBox();
    expect(box!.y).toBeLessThan(PHONE.height);
    expect(box!.y + 20).toBeGreaterThan(0);
    expect(await page.getByTestId('phone-details').getAttribute('aria-current')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });
});
