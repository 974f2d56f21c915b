/**
 * One entry of a `--queries` file, read: `from` and `to`, and for HTTP destinations `via`,
 * `method` and `headers` (and `seed`, which endpoint to follow when several could serve). A
 * malformed entry is an answer with `error`, never an abort of the others.
 */
import type { Query } from '../engine';
import { toBadQueryAnswer, type TraceAnswer } from './format-trace';
import { isHeaderName, parseHttpOptions } from './args';

/**
 * The query an entry asks, or the error answer for it.
 *
 * @example toQueryItem({ from: 'internet', to: 'http://gw.test/', via: 'gateway/infra/public' }, 0)
 */
export function toQueryItem(item: unknown, index: number): { readonly query: Query } | { readonly answer: TraceAnswer } {
  const obj = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
  const from = obj?.['from'];
  const to = obj?.['to'];
  // A blank endpoint is answered here, quoting what was given (the engine would trim it away).
  if (obj === undefined || typeof from !== 'string' || typeof to !== 'string' || from.trim() === '' || to.trim() === '') {
    return { answer: toBadQueryAnswer(item, index) };
  }
  const fail = (error: string): { answer: TraceAnswer } => ({ answer: { from, to, error: `query ${index}: ${error}` } });
  const { via, method, headers, seed } = obj;
  if (via !== undefined && typeof via !== 'string') return fail('"via" must be a string (gateway/NS/NAME or ingress)');
  if (method !== undefined && typeof method !== 'string') return fail('"method" must be a string such as "GET" or "POST"');
  if (seed !== undefined && !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0)) return fail('"seed" must be a whole number from 0');
  const headerArgs: string[] = [];
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return fail('"headers" must be an object of header names to string values');
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (typeof value !== 'string') return fail(`"headers": the value of ${JSON.stringify(name)} must be a string`);
      if (!isHeaderName(name)) return fail(`"headers": ${JSON.stringify(name)} is not a header name (letters, digits and -, such as X-Version)`);
      headerArgs.push(`${name}:${value}`);
    }
  }
  const http = parseHttpOptions(via, method, headerArgs);
  if ('error' in http) return fail(http.error.replace(/^--(via|method|header)/, (_, k: string) => `"${k === 'header' ? 'headers' : k}"`));
  return { query: { from, to, ...http, ...(typeof seed === 'number' ? { seed } : {}) } };
}
