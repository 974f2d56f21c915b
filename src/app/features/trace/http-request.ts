/**
 * An HTTP packet's headers as people type them (`Version: two; X-Env: canary`) and as the
 * engine takes them (a record), both ways. Pure; loaded with the HTTP fields and the link code,
 * not with the first paint.
 */

/** RFC 9110 token characters: what a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type HeaderTextResult =
  | { readonly ok: true; readonly headers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly message: string };

/**
 * Reads `Name: value` pairs separated by `;` (or new lines). Empty pairs are skipped; a name
 * given twice keeps the last value (as one header would, names being case-insensitive).
 *
 * @example parseHeaderText('Version: two; X-Env:canary') // { ok: true, headers: { Version: 'two', 'X-Env': 'canary' } }
 * @example parseHeaderText('Version two') // { ok: false, message: '"Version two" is not Name: value' }
 */
export function parseHeaderText(text: string): HeaderTextResult {
  const headers: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const raw of text.split(/[;\n]/)) {
    const pair = raw.trim();
    if (pair === '') continue;
    const colon = pair.indexOf(':');
    if (colon <= 0) return { ok: false, message: `"${pair}" is not Name: value` };
    const name = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    if (!HEADER_NAME.test(name))
      return { ok: false, message: `"${name}" is not a header name (letters, digits, -)` };
    const previous = seen.get(name.toLowerCase());
    if (previous !== undefined) delete headers[previous];
    seen.set(name.toLowerCase(), name);
    headers[name] = value;
  }
  return { ok: true, headers };
}

/**
 * The headers as text, `Name: value` pairs joined by `separator` (`;` in links, `; ` on screen).
 *
 * @example formatHeaderText({ Version: 'two' }, '; ') // 'Version: two'
 */
export function formatHeaderText(
  headers: Readonly<Record<string, string>>,
  separator = '; ',
): string {
  const colon = separator === ';' ? ':' : ': ';
  return Object.entries(headers)
    .map(([name, value]) => `${name}${colon}${value}`)
    .join(separator);
}

/** The methods offered in the method field (any token may be typed). */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Whether `method` can be sent: a token (`GET`, `PURGE`), empty meaning GET. */
export function isHttpMethod(method: string): boolean {
  return method === '' || HEADER_NAME.test(method);
}
