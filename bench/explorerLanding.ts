// Measures the explorer's landing in headless Chromium against a running server (the built
// client, dist/client, served by it): for each case and viewport, a fresh page is opened at
// `#case=<id>` and the explorer's test hook says when the findings were listed, when the
// story was drawn and when the landing was done (findings marked, the link's view restored),
// in ms since navigation started. The landing's GraphQL requests are noted too: when each
// started, so a request that waits for another shows as a late start.
import { chromium, type Page } from 'playwright-core';

export interface LandingRun {
  findingsMs: number | null;
  drawnMs: number | null;
  readyMs: number | null;
  /** Operation names of the landing's requests, when each started and when its answer was in, ms since navigation. */
  requests: { name: string; startMs: number; endMs: number | null }[];
}
export interface LandingFigure {
  case: string;
  viewport: string;
  runs: number;
  /** Medians over the runs. */
  findingsMs: number | null;
  drawnMs: number | null;
  readyMs: number | null;
  /** The latest start of a landing request (0 when all start at once), median over the runs. */
  lastRequestStartMs: number | null;
  requests: LandingRun['requests'];
}

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };

const median = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return known.length ? Math.round(known[Math.floor((known.length - 1) / 2)]) : null;
};

async function landOnce(page: Page, url: string): Promise<LandingRun> {
  const requests: { name: string; at: number; done?: number }[] = [];
  const byRequest = new Map<unknown, { name: string; at: number; done?: number }>();
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql')) return;
    const name = /(?:query|mutation)\s+(\w+)/.exec(request.postData() ?? '')?.[1] ?? 'anonymous';
    const noted = { name, at: Date.now() };
    byRequest.set(request, noted);
    requests.push(noted);
  });
  page.on('requestfinished', (request) => {
    const noted = byRequest.get(request);
    if (noted) noted.done = Date.now();
  });
  const navigated = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __quanze?: { ready?: boolean } }).__quanze?.ready === true, undefined, {
    timeout: 120_000,
  });
  const hook = await page.evaluate(() => {
    const q = (window as unknown as { __quanze: { findingsMs?: number; landedMs?: number; readyMs?: number } }).__quanze;
    return { findingsMs: q.findingsMs ?? null, drawnMs: q.landedMs ?? null, readyMs: q.readyMs ?? null };
  });
  return { ...hook, requests: requests.map((r) => ({ name: r.name, startMs: r.at - navigated, endMs: r.done ? r.done - navigated : null })) };
}

/** Lands on each case `runs` times per viewport (after one warm-up landing per case, so server caches are warm as a reader would find them). */
export async function measureLanding(base: string, cases: string[], runs = 3): Promise<LandingFigure[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const figures: LandingFigure[] = [];
  try {
    for (const id of cases) {
      const url = `${base}/#case=${encodeURIComponent(id)}&lang=en`;
      const warm = await browser.newPage({ viewport: VIEWPORTS.desktop });
      await landOnce(warm, url);
      await warm.close();
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        const landings: LandingRun[] = [];
        for (let i = 0; i < runs; i++) {
          // A new context each time: no cached script or answer from the run before.
          const context = await browser.newContext({ viewport });
          const page = await context.newPage();
          landings.push(await landOnce(page, url));
          await context.close();
        }
        const lastStart = (r: LandingRun) => {
          const starts = r.requests.map((q) => q.startMs);
          return starts.length ? Math.max(...starts) - Math.min(...starts) : null;
        };
        figures.push({
          case: id,
          viewport: name,
          runs,
          findingsMs: median(landings.map((r) => r.findingsMs)),
          drawnMs: median(landings.map((r) => r.drawnMs)),
          readyMs: median(landings.map((r) => r.readyMs)),
          lastRequestStartMs: median(landings.map(lastStart)),
          requests: landings[0].requests,
        });
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}
