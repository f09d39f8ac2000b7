// What the explorer has loaded and the view state it shows, in one object the page's modules
// share (main.ts creates it): the view state (the link), the lists and the case, the findings,
// the case graph, the story built on them and the case's starting question.
import { askLists, type CaseItem, type Finding, type GraphAnswer, type NamedItem } from '../questions';
import { planStory, type Story, type StoryPlan } from '../story';
import { readState, writeState, type ViewState } from '../viewState';

export interface Lists {
  powers: NamedItem[];
  places: NamedItem[];
  cases: CaseItem[];
  dataVersion: number;
}
/** The case's own starting question, from its story: the lead action's power, place and date. */
export interface StoryDefaults {
  power?: string;
  place?: string;
  at?: string;
}

export class Session {
  readonly state: ViewState = readState();
  currentCase?: CaseItem;
  knownCases: CaseItem[] = [];
  findings: Finding[] = [];
  graphAnswer?: { answer: GraphAnswer; query: string };
  /** The story view's nodes, built once per case from the first case graph and the findings. */
  story?: Promise<Story | undefined>;
  /** The findings the story shows (marked when no finding is chosen). */
  storyFindings: Finding[] = [];
  /** Neighbourhoods added by "expand", kept to redraw them when the view switches. */
  readonly expanded = new Map<string, GraphAnswer>();
  /** Whether the landing's graph is drawn (findings are marked only then). */
  graphDrawn = false;
  defaults: StoryDefaults = {};
  /** Re-renders what the details column shows, e.g. after a language switch. */
  redrawDetails?: () => void;

  readonly findingsReady: Promise<Finding[]>;
  readonly defaultsReady: Promise<StoryDefaults>;
  private resolveFindings: (f: Finding[]) => void = () => {};
  private resolveDefaults: (d: StoryDefaults) => void = () => {};
  private lists?: Promise<Lists>;
  private storyPlan?: Promise<StoryPlan | undefined>;

  constructor() {
    this.findingsReady = new Promise((resolve) => (this.resolveFindings = resolve));
    this.defaultsReady = new Promise((resolve) => (this.resolveDefaults = resolve));
  }

  save(): void {
    writeState(this.state);
  }

  /** The case list, powers and places, asked once (again after a failure). */
  loadLists(): Promise<Lists> {
    return (this.lists ??= askLists()
      .then((a) => a.data)
      .catch((e: unknown) => {
        this.lists = undefined;
        throw e;
      }));
  }

  /**
   * The story's plan and answers: one request, asked at landing with the findings (the server
   * chooses from the same findings). Asked once more after a failure (a busy server's deadline:
   * the findings are remembered by then); the whole case is drawn when it fails again.
   */
  askStoryPlan(): Promise<StoryPlan | undefined> {
    return (this.storyPlan ??= planStory(this.state.case)
      .catch(() => planStory(this.state.case))
      .catch(() => undefined));
  }

  setFindings(findings: Finding[]): void {
    this.findings = findings;
    this.resolveFindings(findings);
  }

  settleDefaults(told: Story | undefined): void {
    this.defaults = { power: told?.power?.id ?? this.findings.find((f) => f.power)?.power?.id, place: told?.place?.id, at: told?.at };
    this.resolveDefaults(this.defaults);
  }

  /** The nodes of the most severe findings present. */
  severeIds(): string[] {
    const top = ['HIGH', 'MEDIUM', 'LOW'].find((sev) => this.findings.some((f) => f.severity === sev));
    return this.findings.filter((f) => f.severity === top).flatMap((f) => f.nodeIds);
  }
}
