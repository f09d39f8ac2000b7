// The explorer in a real browser (Debian's Chromium) against the real server and the test
// Neo4j holding the seed case. Needs the built client in dist/client (`npm test` builds it).
// With QUANZE_SCREENSHOT=1 it also writes docs/screenshot-landing.png.
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadConfig, projectRoot } from '../../server/config.js';
import { createApp } from '../../server/http/app.js';
import { createGraphQL } from '../../server/graphql/server.js';
import { importSeed } from '../../server/bundle/seedOnEmpty.js';
import type { Database } from '../../server/neo4j/database.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { CHROMIUM, screenshotLanding } from './screenshot.js';

const CASE = 'henan-red-code-2022';

let db: Database;
let server: Server;
let stopGraphQL: (() => Promise<void>) | undefined;
let browser: Browser;
let base: string;

interface Opened { page: Page; errors: string[] }

/** Opens the explorer at a hash and waits until the case graph is drawn; collects console errors. */
async function open(hash = ''): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/${hash}`);
  await page.waitForFunction(() => ((window as any).__quanze?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 30_000 });
  return { page, errors };
}

/** Waits until the locator's element shows the text (jest's expect has no web-first assertions). */
async function shows(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

const count = (page: Page, selector: string) => page.evaluate((s) => (window as any).__quanze.cy.elements(s).length as number, selector);

async function pick(page: Page, testid: string, text: string, id: string): Promise<void> {
  const input = page.getByTestId(testid);
  await input.fill('');
  await input.pressSequentially(text);
  await page.locator(`[role=listbox] li[data-id="${id}"]`).first().waitFor();
  await page.locator(`[role=listbox] li[data-id="${id}"]`).first().dispatchEvent('mousedown');
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'client', 'index.html'))) throw new Error('Build the client first: npm run build');
  db = await testDatabase();
  await clearDatabase(db);
  await importSeed(db, () => {});
  const graphql = await createGraphQL(db, loadConfig({}));
  stopGraphQL = () => graphql.apollo.stop();
  const app = createApp({ db, mountGraphQL: graphql.mount });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  await stopGraphQL?.();
  await closeTestDatabase();
});

describe('the explorer', () => {
  it('opens on the seed case with its gaps shown and no console errors', async () => {
    const { page, errors } = await open();
    await shows(page.getByTestId('case-title'), 'Henan');
    await page.getByTestId('finding').first().waitFor();
    expect(await page.getByTestId('finding').count()).toBeGreaterThan(0);
    expect(await count(page, 'node')).toBeGreaterThan(20);
    expect(await count(page, 'node.gap')).toBeGreaterThan(0);
    await shows(page.getByTestId('intro'), 'Zhengzhou');
    await shows(page.getByTestId('legend'), 'Grant');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers who can assign codes in Zhengzhou on 2022-06-13 with a card, and highlights what it rests on', async () => {
    const { page, errors } = await open('#lang=en');
    await page.getByTestId('tab-ask').click();
    await pick(page, 'pick-power', '赋码', 'health-code.assign');
    await pick(page, 'pick-place', 'Zhengzhou', 'cn-henan-zhengzhou');
    await page.getByTestId('ask-at').fill('2022-06-13');
    await page.getByTestId('ask-submit').click();
    const card = page.getByTestId('answer-card');
    await card.waitFor({ timeout: 30_000 });
    await shows(card.getByTestId('answer-lead'), 'By law');
    await shows(card.getByTestId('answer-lead'), 'In fact');
    await shows(card.getByTestId('answer-lead'), 'The gap');
    await shows(card.getByTestId('reproduce'), 'whoCan');
    expect(await count(page, '.answer')).toBeGreaterThan(0);
    expect(page.url()).toContain('q=whoCan');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('focuses a gap and shows its evidence when it is clicked', async () => {
    const { page } = await open('#lang=en&tab=gaps');
    const first = page.getByTestId('finding').first();
    await first.waitFor();
    await first.click();
    const details = page.getByTestId('finding-details');
    await details.waitFor();
    expect(await details.locator('[data-testid=evidence] li').count()).toBeGreaterThan(0);
    expect((await details.locator('[data-testid=evidence] .cite').first().textContent())?.trim()).toBeTruthy();
    expect(await count(page, 'node.gap')).toBeGreaterThan(0);
    expect(await count(page, '.faded')).toBeGreaterThan(0);
    expect(page.url()).toContain('finding=');
    await page.close();
  });

  it('switches every label between English and Chinese', async () => {
    const { page } = await open('#lang=en');
    await shows(page.getByTestId('tab-gaps'), 'Gaps');
    const captionOf = () => page.evaluate(() => (window as any).__quanze.cy.getElementById('cn-henan-zhengzhou').data('caption') as string | undefined);
    const before = await captionOf();
    await page.getByTestId('lang-switch').click();
    await shows(page.getByTestId('tab-gaps'), '落差');
    await shows(page.getByTestId('legend'), '纸面');
    if (before) expect((await captionOf())!.split('\n')[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(page.url()).toContain('lang=zh');
    await page.close();
  });

  it('redraws the graph as it stood on the as-of date', async () => {
    const { page } = await open('#lang=en&tab=time');
    const inactiveAt = async (date: string) => {
      await page.getByTestId('as-of').fill(date);
      await page.getByTestId('as-of').dispatchEvent('change');
      await shows(page.getByTestId('as-of-chip'), date);
      await page.waitForFunction((d) => (window as any).__quanze.state.asOf === d, date);
      await page.waitForTimeout(300);
      return page.evaluate(() => (window as any).__quanze.cy.elements('.inactive').map((e: any) => e.id()).sort() as string[]);
    };
    const early = await inactiveAt('2020-01-01');
    const later = await inactiveAt('2022-07-10');
    expect(early.length).toBeGreaterThan(0);
    expect(early).not.toEqual(later);
    const drawnBefore = await count(page, 'node:visible');
    await page.getByText('Hide what was not in force').click();
    await inactiveAt('2020-01-01');
    expect(await count(page, 'node:visible')).toBeLessThan(drawnBefore);
    await page.close();
  });

  it('exports the view as PNG, SVG and JSON', async () => {
    const { page } = await open('#lang=en');
    for (const [testid, ext] of [['export-png', 'png'], ['export-svg', 'svg'], ['export-json', 'json']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^quanze-${CASE}.*\\.${ext}$`));
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      expect(bytes.length).toBeGreaterThan(500);
      if (ext === 'png') expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      if (ext === 'svg') expect(bytes.toString()).toContain('<svg');
      if (ext === 'json') expect(JSON.parse(bytes.toString()).nodes.length).toBeGreaterThan(20);
    }
    await page.close();
  });

  it('restores the view from a permalink', async () => {
    const { page } = await open('#lang=en');
    await page.getByTestId('tab-ask').click();
    await pick(page, 'pick-power', 'assign', 'health-code.assign');
    await pick(page, 'pick-place', '郑州', 'cn-henan-zhengzhou');
    await page.getByTestId('ask-at').fill('2022-06-13');
    await page.getByTestId('ask-submit').click();
    await page.getByTestId('answer-card').waitFor({ timeout: 30_000 });
    await page.getByTestId('lang-switch').click();
    const link = page.url();
    const marked = await count(page, '.answer');
    await page.close();

    const again = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await again.goto(link);
    await again.getByTestId('answer-card').waitFor({ timeout: 30_000 });
    await again.locator('[data-testid=tab-ask][aria-selected=true]').waitFor();
    await shows(again.getByTestId('tab-gaps'), '落差');
    await shows(again.getByTestId('answer-lead'), '依规定');
    expect(await count(again, '.answer')).toBe(marked);
    await again.close();
  });

  it('keeps the README screenshot of the landing view current (QUANZE_SCREENSHOT=1)', async () => {
    if (process.env.QUANZE_SCREENSHOT !== '1') return;
    await screenshotLanding(base, path.join(projectRoot, 'docs', 'screenshot-landing.png'), '#lang=en');
  });
});
