// npm run load -- [--url URL] [--clients N] [--seconds M] [--json FILE] [--pid PID]
// N clients, each sending one question after another, for M seconds, against a running
// server (by default http://127.0.0.1:4000, as `npm start` listens). The questions are a mix
// of whoCan, whoDid, gaps, search, neighborhood, caseGraph and explain over the cases the
// server holds, with ids read from the server itself (story of each case). Prints requests
// per second, p50/p95/p99, errors, and the server's resident memory before and after (from
// /proc/PID/status when --pid is given). A client told Retry-After (503) waits that long, at
// most 5 s, before its next question. Only loopback addresses are accepted. Asserts nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { option } from './generate.js';

export interface LoadOptions {
  url: string;
  clients: number;
  seconds: number;
  /** The server's pid, for its RSS. */
  pid?: number;
  /** Per request; a request past it counts as an error. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface Question {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface LoadFigures {
  url: string;
  clients: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** Errors by kind: HTTP status, GraphQL code, or timeout / network. */
  errorKinds: Record<string, number>;
  byQuestion: Record<string, { requests: number; p50Ms: number; p95Ms: number; errors: number }>;
  rssBeforeMb?: number;
  rssAfterMb?: number;
  loadAverage?: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
const round = (x: number) => Math.round(x * 10) / 10;

export async function rssMb(pid: number | undefined): Promise<number | undefined> {
  if (!pid) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1]);
  return kb ? round(kb / 1024) : undefined;
}

interface Story {
  power?: { id: string };
  place?: { id: string; name?: string };
  at?: string;
  whoCan?: { holders?: { body?: { id: string } }[] };
}
interface Answer {
  data?: { cases?: { id: string }[]; story?: Story };
  errors?: { extensions?: { code?: string } }[];
}

async function post(url: string, query: string, variables: Record<string, unknown>, timeoutMs: number) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as Answer;
  return { status: response.status, body, retryAfter: Number(response.headers.get('retry-after')) || 0 };
}

/** Finding the ids may meet a cold server (query plans not compiled yet): it is given longer than one question. */
const SETUP_TIMEOUT_MS = 180_000;

/** The question mix, from the cases the server holds and what each case's story names. */
export async function questionMix(url: string): Promise<Question[]> {
  const listed = await post(url, '{ cases(limit: 20) { id } }', {}, SETUP_TIMEOUT_MS);
  const cases: string[] = (listed.body.data?.cases ?? []).map((c: { id: string }) => c.id);
  if (!cases.length) throw new Error(`${url} holds no case: start it on the seed data (npm start seeds an empty database).`);
  const questions: Question[] = [];
  for (const id of cases) {
    const story = await post(
      url,
      'query($c: ID!) { story(case: $c) { power { id } place { id name } at whoCan { holders { body { id } } } } }',
      { c: id },
      SETUP_TIMEOUT_MS,
    );
    const s = story.body.data?.story;
    questions.push({
      name: 'gaps',
      query: 'query($c: ID!) { gaps(case: $c, limit: 50) { total findings { id kind severity title } } }',
      variables: { c: id },
    });
    questions.push({
      name: 'caseGraph',
      query: 'query($c: ID!) { caseGraph(case: $c, limit: 300) { nodes { id label } edges { id } } }',
      variables: { c: id },
    });
    if (!s?.power) continue;
    const at = s.at ?? undefined;
    const body = s.whoCan?.holders?.[0]?.body?.id;
    questions.push({
      name: 'whoCan',
      query: 'query($p: ID!, $pl: ID, $at: Date) { whoCan(power: $p, place: $pl, at: $at) { holders { body { id name } } } }',
      variables: { p: s.power.id, pl: s.place?.id, at },
    });
    questions.push({
      name: 'whoDid',
      query: 'query($p: ID!, $pl: ID) { whoDid(power: $p, place: $pl) { actions { id startedAt } } }',
      variables: { p: s.power.id, pl: s.place?.id },
    });
    if (s.place?.name)
      questions.push({
        name: 'search',
        query: 'query($t: String!) { search(text: $t, limit: 20) { hits { node { id } } } }',
        variables: { t: String(s.place.name).slice(0, 40) },
      });
    if (body) {
      questions.push({
        name: 'neighborhood',
        query: 'query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { nodes { id } edges { id } } }',
        variables: { id: body },
      });
      questions.push({
        name: 'explain',
        query: 'query($b: ID!, $p: ID!, $at: Date, $pl: ID) { explain(body: $b, power: $p, at: $at, place: $pl) { verdict } }',
        variables: { b: body, p: s.power.id, at, pl: s.place?.id },
      });
    }
  }
  return questions;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const { url, clients, seconds, pid } = options;
  const host = new URL(url).hostname;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) throw new Error(`The load tool only targets this machine (loopback); ${host} is not.`);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const questions = await questionMix(url);
  const rssBeforeMb = await rssMb(pid);
  const samples: { name: string; ms: number; error?: string }[] = [];
  const endAt = performance.now() + seconds * 1000;
  let turn = 0;
  const client = async () => {
    while (performance.now() < endAt) {
      const question = questions[turn++ % questions.length];
      const started = performance.now();
      let error: string | undefined;
      let wait = 0;
      try {
        const { status, body, retryAfter } = await post(url, question.query, question.variables, timeoutMs);
        // As a well-behaved client, wait as the server asks (at most 5 s) before the next question.
        if (retryAfter) wait = Math.min(retryAfter, 5) * 1000;
        if (status !== 200) error = `HTTP ${status}${body.errors?.[0]?.extensions?.code ? ` ${body.errors[0].extensions.code}` : ''}`;
        else if (body.errors?.length) error = String(body.errors[0].extensions?.code ?? 'GraphQL error');
      } catch (caught) {
        error = (caught as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      }
      samples.push({ name: question.name, ms: performance.now() - started, error });
      if (wait) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, endAt - performance.now())));
      wait = 0;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  const rssAfterMb = await rssMb(pid);

  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errorKinds: Record<string, number> = {};
  for (const s of samples) if (s.error) errorKinds[s.error] = (errorKinds[s.error] ?? 0) + 1;
  const byQuestion: LoadFigures['byQuestion'] = {};
  for (const name of new Set(samples.map((s) => s.name))) {
    const of = samples.filter((s) => s.name === name);
    const times = of.map((s) => s.ms).sort((a, b) => a - b);
    byQuestion[name] = {
      requests: of.length,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      errors: of.filter((s) => s.error).length,
    };
  }
  const loadAverage = await readFile('/proc/loadavg', 'utf8')
    .then((t) => t.split(' ').slice(0, 3).join(' '))
    .catch(() => undefined);
  return {
    url,
    clients,
    seconds: round(elapsed),
    requests: samples.length,
    requestsPerSecond: round(samples.length / elapsed),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    errors: samples.filter((s) => s.error).length,
    errorKinds,
    byQuestion,
    rssBeforeMb,
    rssAfterMb,
    loadAverage,
  };
}

export function formatFigures(f: LoadFigures): string {
  const lines = [
    `${f.clients} clients, ${f.seconds} s against ${f.url}: ${f.requests} requests, ${f.requestsPerSecond} requests/s`,
    `latency p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms`,
    `errors ${f.errors}${
      f.errors
        ? ` (${Object.entries(f.errorKinds)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ')})`
        : ''
    }`,
    `server RSS ${f.rssBeforeMb ?? '?'} MB before, ${f.rssAfterMb ?? '?'} MB after${f.rssBeforeMb === undefined ? ' (give --pid for it)' : ''}; load average ${f.loadAverage ?? '?'}`,
    ...Object.entries(f.byQuestion).map(
      ([name, q]) => `  ${name.padEnd(13)} ${String(q.requests).padStart(6)} requests  p50 ${q.p50Ms} ms  p95 ${q.p95Ms} ms  errors ${q.errors}`,
    ),
  ];
  return lines.join('\n');
}

async function main(args: string[]) {
  const figures = await runLoad({
    url: (option(args, 'url') ?? 'http://127.0.0.1:4000').replace(/\/$/, ''),
    clients: Number(option(args, 'clients') ?? 10),
    seconds: Number(option(args, 'seconds') ?? 30),
    pid: option(args, 'pid') ? Number(option(args, 'pid')) : undefined,
  });
  console.log(formatFigures(figures));
  const json = option(args, 'json');
  if (json) await writeFile(json, `${JSON.stringify(figures, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
