/**
 * The URL fragment is the state: one parser and one writer for every key a link may carry
 * (docs/share-links.md has the table). Pure and small (it is in the entry chunk: the app reads
 * the fragment before anything else loads). Values are checked here and nowhere else; a bad
 * value is dropped with a sentence saying why, and the rest of the link still applies.
 *
 * | key | value |
 * |---|---|
 * | `s` | `<version>.<base64url>`: the scenario text, still encoded (share-link.ts decodes it) |
 * | `lesson`, `step` | a lesson slug; its 1-based step |
 * | `from`, `to` | the packet picked (query endpoints, URL-encoded) |
 * | `via`, `method`, `headers` | its HTTP entry point, method and headers (`Name:value;Name:value`) |
 * | `play` | `1`: send that packet once the graph is shown |
 * | `view` | `node` \| `namespace` |
 * | `tab` | `graph` \| `matrix` |
 * | `theme` | `light` \| `dark` \| `presenter` |
 * | `editor` | `0` \| `1` |
 * | `embed` | `1` |
 */

import type { Theme } from '../../store/view-slice';

export type LinkView = 'node' | 'namespace';
export type LinkTab = 'graph' | 'matrix';
/** The themes as links name them (the store calls `presenter` `contrast`). */
export type LinkTheme = 'light' | 'dark' | 'presenter';

export const LINK_VIEWS: readonly LinkView[] = ['node', 'namespace'];
export const LINK_TABS: readonly LinkTab[] = ['graph', 'matrix'];
export const LINK_THEMES: readonly LinkTheme[] = ['light', 'dark', 'presenter'];

/** The store's theme for a link's (`presenter` is the store's `contrast`). */
export function toStoreTheme(theme: LinkTheme): Theme {
  return theme === 'presenter' ? 'contrast' : theme;
}

/** A link's theme for the store's. */
export function toLinkTheme(theme: Theme): LinkTheme {
  return theme === 'contrast' ? 'presenter' : theme;
}

/** What a fragment asks for; a key absent (or dropped as bad) is undefined. */
export interface FragmentState {
  /** The scenario text, still encoded (`2.…` or an older `1.…`); may be damaged. */
  readonly s?: string;
  readonly lesson?: string;
  /** 1-based. */
  readonly step?: number;
  readonly from?: string;
  readonly to?: string;
  /** The HTTP packet's entry point (`gateway/NS/NAME`, `ingress`), method, and headers as `Name:value;…`. */
  readonly via?: string;
  readonly method?: string;
  readonly headers?: string;
  readonly play?: boolean;
  readonly view?: LinkView;
  readonly tab?: LinkTab;
  readonly theme?: LinkTheme;
  /** Editor shown (true) or hidden (false). */
  readonly editor?: boolean;
  readonly embed?: boolean;
}

export interface ParsedFragment {
  readonly state: FragmentState;
  /** One sentence per value that was dropped (unknown keys are ignored silently). */
  readonly problems: readonly string[];
}

/** Endpoints are short (`deployment/default/frontend`, a URL): anything longer is not one. */
const MAX_ENDPOINT_CHARS = 500;
const MAX_SLUG_CHARS = 200;

const isControl = (ch: string) => ch < ' ' || ch === '\u007f';
const hasControl = (value: string) => [...value].some(isControl);

/** A value quoted for a message: short, one line (React renders it as text, never as markup). */
function quote(value: string): string {
  const flat = [...value].map((ch) => (isControl(ch) ? ' ' : ch)).join('');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

function oneOf<T extends string>(
  key: string,
  value: string,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    problems.push(`${key} ${quote(value)} is not one of ${allowed.join(', ')}`);
  return found;
}

function flag(key: string, value: string, problems: string[]): boolean | undefined {
  if (value === '1') return true;
  if (value === '0') return false;
  problems.push(`${key} ${quote(value)} is not 0 or 1`);
  return undefined;
}

function endpoint(key: string, value: string, problems: string[]): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') problems.push(`${key} is empty`);
  else if (trimmed.length > MAX_ENDPOINT_CHARS)
    problems.push(`${key} is ${trimmed.length.toLocaleString('en')} characters long`);
  else if (hasControl(trimmed)) problems.push(`${key} ${quote(trimmed)} has control characters`);
  else return trimmed;
  return undefined;
}

/**
 * Reads a URL fragment (with or without `#`). Never throws; unknown keys are ignored, bad values
 * dropped with a sentence in `problems`.
 *
 * @example
 * parseFragment('#lesson=nodeport&step=2&view=namespace&theme=presenter')
 * // { state: { lesson: 'nodeport', step: 2, view: 'namespace', theme: 'presenter' }, problems: [] }
 * parseFragment('#step=-3').problems // ['step "-3" is not a step number (1, 2, 3, …)']
 */
export function parseFragment(hash: string): ParsedFragment {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return { state: {}, problems: ['the link could not be read'] };
  }
  const problems: string[] = [];
  const state: { -readonly [K in keyof FragmentState]: FragmentState[K] } = {};
  const get = (key: string) => params.get(key) ?? undefined;

  const s = get('s');
  if (s !== undefined) state.s = s;
  const lesson = get('lesson');
  if (lesson !== undefined) state.lesson = lesson.trim().slice(0, MAX_SLUG_CHARS);
  const step = get('step');
  if (step !== undefined) {
    if (/^\d{1,4}$/.test(step) && Number(step) >= 1) state.step = Number(step);
    else problems.push(`step ${quote(step)} is not a step number (1, 2, 3, …)`);
  }
  for (const key of ['from', 'to', 'via', 'method', 'headers'] as const) {
    const value = get(key);
    if (value === undefined) continue;
    const checked = endpoint(key, value, problems);
    if (checked !== undefined) state[key] = checked;
  }
  const play = get('play');
  if (play !== undefined) {
    const value = flag('play', play, problems);
    if (value !== undefined) state.play = value;
  }
  const view = get('view');
  if (view !== undefined) {
    const value = oneOf('view', view, LINK_VIEWS, problems);
    if (value !== undefined) state.view = value;
  }
  const tab = get('tab');
  if (tab !== undefined) {
    const value = oneOf('tab', tab, LINK_TABS, problems);
    if (value !== undefined) state.tab = value;
  }
  const theme = get('theme');
  if (theme !== undefined) {
    const value = oneOf('theme', theme, LINK_THEMES, problems);
    if (value !== undefined) state.theme = value;
  }
  for (const key of ['editor', 'embed'] as const) {
    const value = get(key);
    if (value === undefined) continue;
    const checked = flag(key, value, problems);
    if (checked !== undefined) state[key] = checked;
  }
  return { state, problems };
}

/** One banner sentence for a link's dropped values (undefined when there are none). */
export function explainFragmentProblems(problems: readonly string[]): string | undefined {
  if (problems.length === 0) return undefined;
  return `Part of this link was ignored: ${problems.join('; ')}.`;
}
