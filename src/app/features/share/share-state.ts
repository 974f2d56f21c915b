/**
 * Writing links: the shortest fragment that reopens what the user sees. Loaded with the share
 * code when a link is made (the page reads links with fragment.ts alone).
 */
import type { HttpExtras } from '../../store/trace-slice';
import type { FragmentState, LinkTab, LinkTheme, LinkView } from './fragment';
import { formatHeaderText } from '../trace/http-request';
import { encodedShareTextNow, encodeShareText } from './share-link';

/** The order keys are written in: the long text last, so a link cut short loses only it. */
const KEY_ORDER = [
  'lesson',
  'step',
  'from',
  'to',
  'via',
  'method',
  'headers',
  'play',
  'view',
  'tab',
  'theme',
  'editor',
  'embed',
  's',
] as const satisfies readonly (keyof FragmentState)[];

/**
 * Escapes a value for the fragment, leaving `/`, `:` and `@` readable (they are legal in a
 * fragment and common in endpoints: `pod/default/web-0:8080`).
 */
function encodeValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%2F/gi, '/')
    .replace(/%3A/gi, ':')
    .replace(/%40/gi, '@');
}

function toValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return typeof value === 'number' ? String(value) : encodeValue(value);
}

/**
 * The fragment (without `#`) of a state: every key that is set, in one fixed order, the text last.
 * `parseFragment(writeFragment(state)).state` equals `state` for every valid state.
 *
 * @example writeFragment({ theme: 'dark', lesson: 'nodeport', step: 2 }) // 'lesson=nodeport&step=2&theme=dark'
 */
export function writeFragment(state: FragmentState): string {
  const parts: string[] = [];
  for (const key of KEY_ORDER) {
    const value = state[key];
    if (value !== undefined) parts.push(`${key}=${toValue(value)}`);
  }
  return parts.join('&');
}

/** A full URL (`base` without its fragment) opening `state`; no `#` when the state is empty. */
export function toFragmentUrl(base: string, state: FragmentState): string {
  const fragment = writeFragment(state);
  const url = base.replace(/#.*$/, '');
  return fragment ? `${url}#${fragment}` : url;
}

/** What the user sees, as Share needs it to write the shortest link that reopens it. */
export interface ShareInput {
  readonly text: string;
  /**
   * The text a link without `s` opens: the lesson's start in a lesson, else the default scenario
   * (undefined: unknown, so the text is always carried).
   */
  readonly baseText: string | undefined;
  readonly lesson?: { readonly slug: string; /** 1-based */ readonly step: number };
  readonly from: string;
  readonly to: string;
  /** The picked packet's HTTP entry point, method and headers (absent: none picked). */
  readonly http?: HttpExtras | undefined;
  /** The packet a link without `from`/`to` picks. */
  readonly defaultFrom: string;
  readonly defaultTo: string;
  readonly view: LinkView;
  readonly tab: LinkTab;
  readonly theme: LinkTheme;
  /** Send the packet when the link is opened. */
  readonly play?: boolean;
}

/** Whether the link must carry the text (the only costly key: it needs the encoder). */
export function shareNeedsText(input: ShareInput): boolean {
  return input.baseText === undefined || input.text !== input.baseText;
}

/**
 * The shortest state that reopens what `input` shows: only what differs from what a bare link
 * opens (the lesson's start or the default scenario, step 1, the default packet, grouping by
 * node, the graph tab, the light theme). `payload`: the encoded text, when `shareNeedsText`.
 *
 * @example
 * toShareState({ ...seen, view: 'namespace', theme: 'presenter' }) // { view: 'namespace', theme: 'presenter' }
 */
export function toShareState(input: ShareInput, payload?: string): FragmentState {
  const state: { -readonly [K in keyof FragmentState]: FragmentState[K] } = {};
  if (input.lesson) {
    state.lesson = input.lesson.slug;
    if (input.lesson.step > 1) state.step = input.lesson.step;
  }
  const from = input.from.trim();
  const to = input.to.trim();
  // Each end only when it differs: a link without it picks the default end.
  if (from && from !== input.defaultFrom) state.from = from;
  if (to && to !== input.defaultTo) state.to = to;
  const { via, method, headers } = input.http ?? {};
  if (via) state.via = via;
  if (method) state.method = method;
  const headerText = headers ? formatHeaderText(headers, ';') : '';
  if (headerText) state.headers = headerText;
  if (input.play) state.play = true;
  if (input.view !== 'node') state.view = input.view;
  if (input.tab !== 'graph') state.tab = input.tab;
  if (input.theme !== 'light') state.theme = input.theme;
  if (payload !== undefined && shareNeedsText(input)) state.s = payload;
  return state;
}

/**
 * The share URL (`base` without its fragment) of what `input` shows; the text is encoded only
 * when the link must carry it.
 */
export async function makeShareLink(base: string, input: ShareInput): Promise<string> {
  const payload = shareNeedsText(input) ? await encodeShareText(input.text) : undefined;
  return toFragmentUrl(base, toShareState(input, payload));
}

/**
 * The same link at once when the text needs no encoding (not carried, or encoded last time);
 * undefined when it does.
 */
export function makeShareLinkNow(base: string, input: ShareInput): string | undefined {
  if (!shareNeedsText(input)) return toFragmentUrl(base, toShareState(input));
  const payload = encodedShareTextNow(input.text);
  return payload === undefined ? undefined : toFragmentUrl(base, toShareState(input, payload));
}
