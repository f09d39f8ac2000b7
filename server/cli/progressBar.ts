// The import's progress on stderr: a bar redrawn in place on a terminal, a line every tenth of
// the way otherwise (a log file, CI).
import type { ImportProgress } from '../bundle/importState.js';

/** A bar on a terminal, a line every tenth of the way otherwise; quiet for the first two seconds. */
export function progressBar(out: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDraw = 0;
  let lastLine = '';
  const finished = new Set<string>();
  return ({ step, done, total, written }: ImportProgress) => {
    const now = Date.now();
    // A step may report its end more than once (the last rows, then the facts they carried): one finished bar.
    if (done >= total && finished.has(step)) return;
    const seconds = (now - started) / 1000;
    if (seconds < 2 && done < total) return;
    if (done >= total) finished.add(step);
    const share = total ? done / total : 1;
    const rate = seconds > 0 ? Math.round(written / seconds) : 0;
    const text = `${step.padEnd(22)} ${Math.floor(share * 100)
      .toString()
      .padStart(
        3,
      )}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')}  ${written.toLocaleString('en')} facts, ${rate.toLocaleString('en')} facts/s`;
    if (out.isTTY) {
      if (now - lastDraw < 200 && done < total) return;
      lastDraw = now;
      const width = 24;
      const filled = Math.round(share * width);
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K${done >= total ? '\n' : ''}`);
    } else {
      const line = `${step} ${Math.floor(share * 10) * 10}%`;
      if (line === lastLine && done < total) return;
      lastLine = line;
      out.write(`  ${text}\n`);
    }
  };
}
