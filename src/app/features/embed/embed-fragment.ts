/**
 * The two fragment keys of embed mode, `embed=1` and `editor=0|1` (docs/embed.md). Tiny and pure:
 * it is in the entry chunk, because the app must know before its first paint whether it is
 * framed.
 */
import { parseFragment } from '../share/fragment';

export interface EmbedOptions {
  /** `embed=1`: graph, packet controls and trace fill the frame; the page answers postMessage. */
  readonly embed: boolean;
  /** `editor=1` shows the editor, `editor=0` hides it; undefined when the link does not say. */
  readonly editor: boolean | undefined;
}

/**
 * The embed keys of a URL fragment, read by the link parser (bad values are dropped there, and
 * any other value than `1` for `embed` means not embedded).
 *
 * @example readEmbedFragment('#embed=1&s=2.abc') // { embed: true, editor: undefined }
 * @example readEmbedFragment('#embed=1&editor=1') // { embed: true, editor: true }
 */
export function readEmbedFragment(hash: string): EmbedOptions {
  const { state } = parseFragment(hash);
  return { embed: state.embed === true, editor: state.editor };
}
