// The view's state lives in the URL hash, so a copied link reproduces the view:
// #case=…&lang=zh&scope=story&tab=ask&q=whoCan&power=…&place=…&at=…&finding=…&asOf=…&sel=…&expand=a,b&hide=c&layers=…&zoom=…&pan=x,y
export interface ViewState {
  case: string;
  lang: 'en' | 'zh';
  tab: 'ask' | 'gaps' | 'time' | 'compare' | 'explore';
  /** The question of the Ask tab and its arguments. */
  q?: 'whoCan' | 'whoDid' | 'whoSays';
  power?: string;
  place?: string;
  at?: string;
  from?: string;
  to?: string;
  /** The focused finding. */
  finding?: string;
  /** The date the graph is drawn as of. */
  asOf?: string;
  /** The selected node or edge. */
  sel?: string;
  /** Nodes whose neighbourhood was added, in order. */
  expand: string[];
  hide: string[];
  layers?: string[];
  /** Places of the comparison. */
  places?: string[];
  view?: 'graph' | 'table';
  /** What the graph draws: the story of the most severe findings, or the whole case. */
  scope: 'story' | 'whole';
  /** The graph's zoom and pan ("x,y" in screen pixels), so a link reopens the same picture. */
  zoom?: number;
  pan?: string;
}

export const SEED_CASE = 'henan-red-code-2022';

const LISTS = new Set(['expand', 'hide', 'layers', 'places']);

export function readState(hash = location.hash): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const list = (key: string) => (p.get(key) ? p.get(key)!.split(',').filter(Boolean) : undefined);
  const tab = p.get('tab');
  const q = p.get('q');
  const navLang = navigator.language?.startsWith('zh') ? 'zh' : 'en';
  return {
    case: p.get('case') || SEED_CASE,
    lang: p.get('lang') === 'zh' ? 'zh' : p.get('lang') === 'en' ? 'en' : navLang,
    tab: (['ask', 'gaps', 'time', 'compare', 'explore'] as const).find((t) => t === tab) ?? 'gaps',
    q: (['whoCan', 'whoDid', 'whoSays'] as const).find((x) => x === q),
    power: p.get('power') || undefined,
    place: p.get('place') || undefined,
    at: p.get('at') || undefined,
    from: p.get('from') || undefined,
    to: p.get('to') || undefined,
    finding: p.get('finding') || undefined,
    asOf: p.get('asOf') || undefined,
    sel: p.get('sel') || undefined,
    expand: list('expand') ?? [],
    hide: list('hide') ?? [],
    layers: list('layers'),
    places: list('places'),
    view: p.get('view') === 'table' ? 'table' : undefined,
    scope: p.get('scope') === 'whole' ? 'whole' : 'story',
    zoom: Number(p.get('zoom')) > 0 ? Number(p.get('zoom')) : undefined,
    pan: /^-?[\d.]+,-?[\d.]+$/.test(p.get('pan') ?? '') ? p.get('pan')! : undefined,
  };
}

export function writeState(state: ViewState): void {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value === undefined || value === null || value === '') continue;
    if (LISTS.has(key)) {
      if ((value as string[]).length) p.set(key, (value as string[]).join(','));
    } else p.set(key, String(value));
  }
  const hash = `#${p.toString().replace(/%2C/g, ',')}`;
  if (hash !== location.hash) history.replaceState(null, '', hash);
}
