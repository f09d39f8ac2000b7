// Measures the explorer drawing a large view: bundles bench/explorer/drawPage.ts (which uses
// the explorer's own GraphView and stylesheet) with Vite, opens it in headless Chromium and
// times one draw of N elements, layout and first frame included. On Linux it also reports the
// CPU time of the page's main thread over the draw: on a shared, busy machine the wall time
// mostly measures the wait for a core, the CPU time the work.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { projectRoot } from '../server/config.js';

/** CPU milliseconds used so far by the main threads of the Chromium renderers under this process (Linux /proc; 0 elsewhere). */
function rendererMainCpuMs(): number {
  if (!fs.existsSync('/proc/self/stat')) return 0;
  const fields = (file: string) => {
    const stat = fs.readFileSync(file, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(fields(`/proc/${entry}/stat`)[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while listed
    }
  }
  let ticks = 0;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        if (fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('--type=renderer')) {
          const f = fields(`/proc/${child}/task/${child}/stat`); // the main thread's id is the process's
          ticks += Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100 a second)
        }
      } catch {
        // the process ended while read
      }
      walk(child);
    }
  };
  walk(process.pid);
  return ticks * 10;
}

export async function drawExplorerView(elements: number): Promise<{ elements: number; drawMs: number; mainThreadCpuMs: number }> {
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
    const cpuBefore = rendererMainCpuMs();
    const drawn = await page.evaluate(
      (n) => (window as unknown as { drawView(n: number): Promise<{ elements: number; drawMs: number }> }).drawView(n),
      elements,
    );
    return { ...drawn, mainThreadCpuMs: rendererMainCpuMs() - cpuBefore };
  } finally {
    await browser.close();
  }
}
