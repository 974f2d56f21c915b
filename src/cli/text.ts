/**
 * Text helpers for messages on stderr: whatever the user typed is quoted, and every message
 * stays one line (a newline in a path or a value is shown escaped, never printed).
 */

/**
 * A value as the user gave it, in double quotes, with control characters escaped.
 *
 * @example
 * quote(' ') // '" "'
 * quote('a\nb') // '"a\\nb"'
 */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Escapes control characters (newlines, tabs, escape sequences) so a message is one line. */
export function toOneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
