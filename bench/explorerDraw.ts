// Measures the explorer drawing a large view: bundles bench/explorer/drawPage.ts (which uses
// the explorer's own GraphView and stylesheet) with Vite, opens it in headless Chromium and
// times one draw of N elements, layout and first frame included.
import path from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { projectRoot } from '../server/config.js';

export async function drawExplorerView(elements: number): Promise<{ elements: number; drawMs: number }> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: {
      write: false,
      minify: true,
      lib: { entry: path.join(projectRoot, 'bench', 'explorer', 'drawPage.ts'), formats: ['iife'], name: 'drawPage' },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  const code = chunks
    .filter((c) => c.type === 'chunk')
    .map((c) => (c as { code: string }).code)
    .join('\n');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.setContent('<!doctype html><html><body style="margin:0"><div id="graph" style="width:1400px;height:900px"></div></body></html>');
    await page.addScriptTag({ content: code });
    return await page.evaluate(
      (n) => (window as unknown as { drawView(n: number): Promise<{ elements: number; drawMs: number }> }).drawView(n),
      elements,
    );
  } finally {
    await browser.close();
  }
}
