// Legible by default, on a laptop (1440×900) and a phone (390×844), in a real browser:
// captions and text of 11 px or more, contrast of 4.5:1 or more, tap targets of 32 px or more
// on the phone, its header in two lines and its tab bar, and answers brought into view; in
// Chinese mode, Chinese wherever a Chinese text exists (findings, legend, details, cards, figures).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { en } from '../../client/src/messages/en.js';
import { zh } from '../../client/src/messages/zh.js';
import { allCases, DESKTOP, gql, landed, open, PHONE, shows, startExplorer, type Explorer } from './harness.js';

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

/** English sentences of the interface (two words or more, no placeholder) that have their own Chinese: none may show in Chinese mode. */
function englishOnly(opts: { captions?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      if (a !== b && /^[A-Za-z][^{}]*\s[^{}]*[a-z]$/.test(a) && a.length >= 8) out.push(a);
    } else if (a && typeof a === 'object') for (const k of Object.keys(a)) walk((a as any)[k], (b as any)?.[k]);
  };
  // Node captions name things in both languages by design (the current one first): their tables are left out where captions are read.
  const caption = new Set(['stanceShort', 'modalityShort', 'storyAffected']);
  for (const key of Object.keys(en)) if (opts.captions !== false || !caption.has(key)) walk((en as any)[key], (zh as any)[key]);
  return out;
}

/** What a reader sees inside a part of the page in Chinese mode that should not be there: English interface sentences, and enum names. Code (the query behind an answer) and text marked English are left out. */
async function notChinese(page: Page, selector: string, english: string[]): Promise<string[]> {
  const text = await page.evaluate((s) => {
    const out: string[] = [];
    for (const root of document.querySelectorAll(s)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('pre, code, [data-testid=reproduce], [lang=en], [hidden], .cite-bibtex, [data-testid=cite-bibtex]')) continue;
        out.push(n.textContent ?? '');
      }
    }
    return out.join('\n');
  }, selector);
  return [...english.filter((e) => text.includes(e)), ...(text.match(/\b[A-Z]{2,}_[A-Z_]{2,}\b/g) ?? [])];
}

describe('in Chinese', () => {
  const english = englishOnly();
  const CASE = 'henan-red-code-2022';
  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows Chinese in the findings, legend, details and a Who can card wherever a Chinese text exists (${viewport.width}px)`, async () => {
      const { page, errors } = await open(x, `#case=${CASE}&lang=zh`, viewport);
      await landed(page);
      const api = (await gql(x, `{ gaps(case: "${CASE}") { findings { id titleZh explanationZh } } }`)).gaps.findings as {
        id: string;
        titleZh: string;
        explanationZh: string;
      }[];
      if (viewport === PHONE) await page.getByTestId('phone-findings').click();
      // The findings: each titled in Chinese.
      const listed = await page
        .getByTestId('finding')
        .evaluateAll((els) => els.map((e) => ({ id: (e as HTMLElement).dataset.finding!, text: e.textContent })));
      expect(listed.length).toBeGreaterThan(0);
      for (const f of listed) expect(f.text).toContain(api.find((a) => a.id === f.id)!.titleZh);
      expect(await notChinese(page, '.panels, [data-testid=intro]', english)).toEqual([]);
      // The legend.
      if (viewport === PHONE) await page.getByTestId('phone-graph').click();
      expect(await page.getByTestId('legend').textContent()).toMatch(/图例/);
      expect(await notChinese(page, '[data-testid=legend]', english)).toEqual([]);
      // A finding's details: its Chinese explanation.
      if (viewport === PHONE) await page.getByTestId('phone-findings').click();
      await page.getByTestId('finding').first().click();
      const first = api.find((a) => a.id === listed[0].id)!;
      await shows(page.getByTestId('finding-details'), first.explanationZh.slice(0, 20));
      expect(await notChinese(page, '[data-testid=details]', english)).toEqual([]);
      // A body's details: its Chinese name.
      const body = await page.evaluate(() => {
        const n = (window as any).__quanze.cy.nodes('[label = "Body"]:childless').first();
        return { id: n.id() as string, nameZh: n.data('record').nameZh as string };
      });
      await page.evaluate((id) => (window as any).__quanze.select(id), body.id);
      await shows(page.getByTestId('node-details'), body.nameZh);
      await page.waitForFunction(() => !document.querySelector('[data-testid=details] .state-loading'), undefined, { timeout: 30_000 });
      expect(await notChinese(page, '[data-testid=details]', english)).toEqual([]);
      // A Who can card.
      if (viewport === PHONE) await page.getByTestId('phone-ask').click();
      else await page.getByTestId('tab-ask').click();
      await page.locator('[data-testid=pick-power]').evaluate((el) => (el as HTMLInputElement).value !== '' || null);
      await page.getByTestId('ask-submit').click();
      const card = page.getByTestId('answer-card');
      await card.waitFor({ timeout: 90_000 });
      expect(await card.textContent()).toMatch(/依规定/);
      expect(await notChinese(page, '[data-testid=answer-card]', english)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }, 300_000);
  }

  it('exports a figure titled, headed and with a legend in Chinese', async () => {
    const { page, errors } = await open(x, `#case=${CASE}&lang=zh`);
    await landed(page);
    const titleZh = (await gql(x, `{ cases(where: { id: { eq: "${CASE}" } }) { titleZh } }`)).cases[0].titleZh as string;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const svg = fs.readFileSync(await download.path()).toString();
    for (const part of [titleZh, zh.bandLaw, zh.bandFact, zh.bandSays, zh.layerNames.DE_JURE, '来源：', '权责']) expect(svg).toContain(part);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('\n');
    for (const e of englishOnly({ captions: false })) expect({ english: e, found: texts.includes(e) }).toEqual({ english: e, found: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});
