// The explorer's browser tests share this: the real server over the test Neo4j holding every
// seed case, Debian's Chromium, and a few waits (jest's expect has no web-first assertions).
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { loadConfig, projectRoot } from '../../server/config.js';
import { createApp } from '../../server/http/app.js';
import { createGraphQL } from '../../server/graphql/server.js';
import { importSeed } from '../../server/bundle/seedOnEmpty.js';
import type { Database } from '../../server/neo4j/database.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { CHROMIUM } from './screenshot.js';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface Explorer {
  base: string;
  browser: Browser;
  db: Database;
  close(): Promise<void>;
}

/**
 * The real server and a browser; every seed case imported. With QUANZE_UI_BASE set (e.g.
 * http://127.0.0.1:4000, a running `npm start` over the seed), the tests use that server
 * instead of starting their own: quicker while working on the client.
 */
export async function startExplorer(): Promise<Explorer> {
  if (process.env.QUANZE_UI_BASE) {
    const browser = await chromium.launch(CHROMIUM);
    return { base: process.env.QUANZE_UI_BASE.replace(/\/$/, ''), browser, db: undefined as unknown as Database, close: () => browser.close() };
  }
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'client', 'index.html'))) throw new Error('Build the client first: npm run build');
  const db = await testDatabase();
  await clearDatabase(db);
  await importSeed(db, () => {});
  // Tests check answers, not speed (a shared machine can be slow): a generous request deadline.
  const graphql = await createGraphQL(db, loadConfig({ QUANZE_REQUEST_DEADLINE_MS: '120000' }));
  const app = createApp({ db, mountGraphQL: graphql.mount });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch(CHROMIUM);
  return {
    base,
    browser,
    db,
    async close() {
      await browser.close();
      server.close();
      await graphql.apollo.stop();
      await closeTestDatabase();
    },
  };
}

export interface Opened {
  page: Page;
  errors: string[];
}

/** Opens the explorer at a hash and waits until the graph is drawn; collects console errors. */
export async function open(x: Explorer, hash = '', viewport = DESKTOP, opts: { waitForGraph?: boolean } = {}): Promise<Opened> {
  const page = await x.browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${x.base}/${hash}`);
  if (opts.waitForGraph !== false)
    await page.waitForFunction(() => ((window as any).__quanze?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 30_000 });
  return { page, errors };
}

/** Waits until the landing is done (story drawn, findings marked, the link's view restored). */
export async function landed(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).__quanze?.ready === true, undefined, { timeout: 30_000 });
}

/** Waits until the locator's element shows the text. */
export async function shows(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

export const count = (page: Page, selector: string) => page.evaluate((s) => (window as any).__quanze.cy.elements(s).length as number, selector);

/** Asks the API directly, as a reader's browser would. */
export async function gql<T = any>(x: Explorer, query: string): Promise<T> {
  const r = await fetch(`${x.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await r.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Every case the API lists: the tests run over all of them, so a new case is covered when it lands. */
export async function allCases(
  x: Explorer,
): Promise<{ id: string; title?: string | null; titleZh?: string | null; summary?: string | null; summaryZh?: string | null }[]> {
  return (await gql(x, '{ cases(limit: 100) { id title titleZh summary summaryZh } }')).cases;
}

export async function pick(page: Page, testid: string, text: string, id: string): Promise<void> {
  const input = page.getByTestId(testid);
  await input.fill('');
  await input.pressSequentially(text);
  await page.locator(`[role=listbox] li[data-id="${id}"]`).first().waitFor();
  await page.locator(`[role=listbox] li[data-id="${id}"]`).first().dispatchEvent('mousedown');
}
