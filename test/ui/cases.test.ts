// Every case first-class, in a real browser: each case the API lists opens from the picker
// with its own introduction, and every kind of node and link in it shows its details and
// evidence when clicked. The cases are read from the API, so a new case is covered when it lands.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { allCases, count, DESKTOP, landed, open, PHONE, shows, startExplorer, type Explorer } from './harness.js';

let x: Explorer;
let cases: Awaited<ReturnType<typeof allCases>>;

beforeAll(async () => {
  x = await startExplorer();
  cases = await allCases(x);
}, 300_000);
afterAll(async () => {
  await x?.close();
});

/** Brings an element to the middle of the graph at a readable zoom and clicks it there with the mouse. */
async function clickElement(page: Page, id: string): Promise<string | undefined> {
  const at = await page.evaluate((elId) => {
    const cy = (window as any).__quanze.cy;
    const el = cy.getElementById(elId);
    cy.stop(true, true);
    cy.zoom(2.5);
    const p = el.isNode() ? el.position() : el.midpoint();
    cy.center(); // reset, then put the element in the middle
    cy.pan({ x: cy.width() / 2 - p.x * cy.zoom(), y: cy.height() / 2 - p.y * cy.zoom() });
    const box = cy.container().getBoundingClientRect();
    const r = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
    return { x: box.left + r.x, y: box.top + r.y };
  }, id);
  await page.mouse.click(at.x, at.y);
  return page.evaluate(() => (window as any).__quanze.state.sel as string | undefined);
}

describe('every case', () => {
  it('lists at least the two seed cases', () => {
    expect(cases.map((c) => c.id)).toEqual(expect.arrayContaining(['henan-red-code-2022', 'illustrative-millbrook-demolition-permit']));
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`opens each case from the picker with an introduction from its own data (${viewport.width}px)`, async () => {
      const { page, errors } = await open(x, '#lang=en', viewport);
      await landed(page);
      for (const c of cases) {
        if (new URLSearchParams(new URL(page.url()).hash.slice(1)).get('case') !== c.id) {
          await page.getByTestId('case-picker').selectOption(c.id);
          await page.waitForURL((u) => u.hash.includes(`case=${c.id}`));
          await landed(page);
        }
        const title = c.title || c.titleZh!;
        await shows(page.getByTestId('intro-title'), title);
        const summary = (c.summary || c.summaryZh)!;
        await shows(page.getByTestId('intro-summary'), summary.slice(0, 40));
        expect(await page.getByTestId('intro-finding').count()).toBeGreaterThan(0);
        expect(page.url()).toContain(`case=${c.id}`);
        expect(await count(page, 'node')).toBeGreaterThan(3);
        expect(await page.locator('[data-testid=bands] [data-band]').count()).toBeGreaterThan(0);
        expect(await page.getByTestId('legend').textContent()).toMatch(/\w/);
        // Nothing of another case's introduction: the other cases' titles are not in it.
        for (const other of cases.filter((o) => o.id !== c.id))
          expect(await page.getByTestId('intro').textContent()).not.toContain(other.title || other.titleZh!);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const viewport of [DESKTOP, PHONE])
    it(`shows details and evidence for one of every kind of node and link in every case, clicked (${viewport.width}px)`, async () => {
      for (const c of cases) {
        const { page, errors } = await open(x, `#case=${c.id}&lang=en&scope=whole&layers=DE_JURE,DE_FACTO,WHO_SAYS,STRUCTURE,PROVENANCE`, viewport);
        await landed(page);
        // One element of each node label and each link type drawn; childless nodes, so a click lands on them.
        const picks = await page.evaluate(() => {
          const cy = (window as any).__quanze.cy;
          const out: { id: string; kind: 'node' | 'edge'; type: string }[] = [];
          const seen = new Set<string>();
          cy.nodes(':visible').forEach((n: any) => {
            const key = `node:${n.data('label')}`;
            if (seen.has(key) || n.isParent()) return;
            seen.add(key);
            out.push({ id: n.id(), kind: 'node', type: n.data('label') });
          });
          cy.nodes(':visible').forEach((n: any) => {
            const key = `node:${n.data('label')}`;
            if (seen.has(key)) return;
            seen.add(key);
            out.push({ id: n.id(), kind: 'node', type: n.data('label') });
          });
          cy.edges(':visible').forEach((e: any) => {
            const key = `edge:${e.data('type')}`;
            if (seen.has(key)) return;
            seen.add(key);
            out.push({ id: e.id(), kind: 'edge', type: e.data('type') });
          });
          return out;
        });
        expect(picks.filter((p) => p.kind === 'node').map((p) => p.type)).toEqual(expect.arrayContaining(['Body', 'Action', 'Statement', 'Grant']));
        for (const p of picks) {
          // On a phone the graph and the details take turns on the screen.
          if (viewport === PHONE) await page.getByTestId('phone-graph').click();
          const selected = await clickElement(page, p.id);
          if (viewport === PHONE) await page.getByTestId('phone-details').click();
          // A click that landed on something else (a label over a link) selects it by id instead, as the table's Select does.
          if (selected !== p.id) await page.evaluate((id) => (window as any).__quanze.select(id), p.id);
          const details = page.getByTestId(p.kind === 'node' ? 'node-details' : 'edge-details');
          await details.waitFor();
          await page.waitForFunction(() => !document.querySelector('[data-testid=details] .state-loading'), undefined, { timeout: 15_000 });
          const problems = await page.locator('[data-testid=details] [data-testid=error]').allTextContents();
          expect({ case: c.id, type: p.type, problems }).toEqual({ case: c.id, type: p.type, problems: [] });
          expect(await page.locator('[data-testid=details] .evidence-block').count()).toBeGreaterThan(0);
        }
        expect({ case: c.id, errors }).toEqual({ case: c.id, errors: [] });
        await page.close();
      }
    }, 400_000);
});
