// The explorer's hook for tests, the benchmark and the console, declared once: the graph, the
// view state, selection by id, and when the landing's steps were done (ms since navigation).
import type { Core } from 'cytoscape';
import type { ViewState } from '../viewState';

export interface QuanzeHook {
  cy: Core;
  state: ViewState;
  select(id: string): void;
  /** When the findings were listed. */
  findingsMs?: number;
  /** When the first view (the story, or the whole case) was drawn. */
  landedMs?: number;
  /** When the landing was done: findings marked, the link's selection and view restored. */
  readyMs?: number;
  ready?: boolean;
}

declare global {
  interface Window {
    __quanze?: QuanzeHook;
  }
}

export function installHook(hook: QuanzeHook): void {
  window.__quanze = hook;
}

/** Notes when a landing step was done; the first time counts. */
export function mark(step: 'findingsMs' | 'landedMs' | 'readyMs'): void {
  if (window.__quanze) window.__quanze[step] ??= performance.now();
}
