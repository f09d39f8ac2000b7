// A process of ours (a server, a CLI) run as a child with tsx, as a user would run it, for the
// tests and the benchmark that need a separate process. What it prints is kept, so that a wait
// that fails (the process stopped, or the time ran out) says what the process said.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { freePort } from '../../server/freePort.js';

/** The tail of a process's output kept for error messages: enough for a stack trace, bounded for a chatty process. */
const OUTPUT_KEPT = 64 * 1024;
const POLL_MS = 250;

export interface OurProcess {
  readonly child: ChildProcess;
  /** What the process has printed so far, stdout and stderr as they came (the last 64 KB). */
  output(): string;
  /** Resolves once `check` says yes; fails, with the output, if the process exits first or `timeoutMs` passes (then it is killed). */
  waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, pollMs?: number): Promise<void>;
  /** Waits until `url`/readyz answers 200. */
  waitForReady(url: string, timeoutMs: number): Promise<void>;
  /** Waits for a line of output matching `pattern`, and returns it. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Sends `signal` (unless it has exited already) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `script` (a path from the project root, e.g. `server/main.ts`) with `env` added to this process's environment. */
export function startOurProcess(script: string, args: string[], env: Record<string, string | undefined>): OurProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (data: Buffer) => {
    output += data.toString();
    if (output.length > 2 * OUTPUT_KEPT) output = output.slice(-OUTPUT_KEPT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const tail = () => output.slice(-OUTPUT_KEPT);
  const running = () => child.exitCode === null && child.signalCode === null;

  const waitFor: OurProcess['waitFor'] = async (what, check, timeoutMs, pollMs = POLL_MS) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!running()) throw new Error(`${script} stopped (${child.exitCode ?? child.signalCode}) before it ${what}. Its output:\n${tail()}`);
      if (await check()) return;
      if (Date.now() >= deadline) {
        child.kill('SIGKILL');
        throw new Error(`${script} had not ${what} after ${timeoutMs / 1000} s. Its output:\n${tail()}`);
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };

  return {
    child,
    output: tail,
    waitFor,
    waitForReady: (url, timeoutMs) =>
      waitFor(
        `answered ${url}/readyz`,
        () =>
          fetch(`${url}/readyz`).then(
            (r) => r.ok,
            () => false,
          ),
        timeoutMs,
      ),
    async waitForLine(pattern, timeoutMs) {
      let found: string | undefined;
      await waitFor(
        `printed a line matching ${pattern}`,
        () => {
          found = tail()
            .split('\n')
            .find((line) => pattern.test(line));
          return found !== undefined;
        },
        timeoutMs,
      );
      return found!;
    },
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal);
      await exited;
    },
  };
}

/** A server of ours (server/main.ts) on a free port, with `env` added, once its /readyz answers. */
export async function startOurServer(env: Record<string, string | undefined>, readyWithinMs: number): Promise<{ url: string; server: OurProcess }> {
  const port = await freePort();
  const server = startOurProcess(path.join('server', 'main.ts'), [], { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await server.waitForReady(url, readyWithinMs);
  return { url, server };
}
