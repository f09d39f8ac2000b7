// What the panels may use of the explorer: the state, the graph, the lists, and the few
// actions that cross panels. shell/explorer.ts implements it.
import type { GraphView } from './graphView';
import type { CaseItem, Evidence, Finding, NamedItem } from './questions';
import type { ViewState } from './viewState';

export interface Explorer {
  state: ViewState;
  graph: GraphView;
  powers(): Promise<NamedItem[]>;
  places(): Promise<NamedItem[]>;
  caseInfo(): CaseItem | undefined;
  /** Writes the state to the URL. */
  save(): void;
  /** Shows content in the details column (answer card, evidence). */
  showDetails(title: string, content: HTMLElement): void;
  focusFinding(finding: Finding, opts?: { select?: boolean }): void;
  showEvidence(title: string, evidence: Evidence[], extra?: HTMLElement): void;
  setAsOf(date: string | undefined): Promise<void>;
  expand(id: string): Promise<void>;
  /** "Cite this" for an answer or a finding: the question, the date it answers for, the evidence it quotes. */
  cite(question: string, date: string | undefined, evidence: Evidence[]): HTMLElement;
  /** The case's own starting question (the story's power, place and date), once known; empty until then. */
  defaults(): { power?: string; place?: string; at?: string };
  defaultsReady(): Promise<{ power?: string; place?: string; at?: string }>;
  /** Marks what an answer rests on and brings it into view; returns how many drawn elements it marked. */
  markAnswer(ids: string[]): number;
}
