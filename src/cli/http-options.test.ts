/** `trace --via --method --header` and the HTTP fields of a `--queries` entry, read and checked. */
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { toQueryItem } from './query-item';

const trace = (...extra: string[]) => parseArgs(['trace', 'a.yaml', '--from', 'internet', '--to', 'http://gw.test/', ...extra]);

describe('trace --via, --method, --header', () => {
  it('are read into the command: method upper-cased, headers repeatable', () => {
    const parsed = trace('--via', 'gateway/infra/public', '--method=post', '--header', 'X-Version: two', '--header', 'Host:other.test:8080');
    expect(parsed.ok && parsed.kind === 'run' ? parsed.command : parsed).toMatchObject({
      name: 'trace',
      via: 'gateway/infra/public',
      method: 'POST',
      headers: { 'X-Version': 'two', Host: 'other.test:8080' },
    });
    expect(trace('--via', 'ingress')).toMatchObject({ ok: true, command: { via: 'ingress' } });
  });

  it('without them the command is as before (no HTTP fields)', () => {
    const parsed = trace();
    expect(parsed.ok && parsed.kind === 'run' ? Object.keys(parsed.command).sort() : parsed).toEqual(['files', 'from', 'json', 'name', 'to']);
  });

  it.each([
    [['--via', 'gateway/public'], /--via must be gateway\/NS\/NAME or ingress \(got "gateway\/public"\)/],
    [['--method', 'GE T'], /--method must be an HTTP method/],
    [['--header', 'novalue'], /--header must be NAME:VALUE/],
    [['--header', ':x'], /--header must be NAME:VALUE/],
    [['--via', 'ingress', '--via', 'ingress'], /--via given twice/],
  ])('%j is bad usage', (extra, error) => {
    const parsed = trace(...extra);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(error);
  });

  it('do not go with --queries, and not with other commands', () => {
    const q = parseArgs(['trace', 'a.yaml', '--queries', 'q.json', '--via', 'ingress']);
    expect(q.ok ? '' : q.error).toMatch(/in a queries file, give "via", "method" and "headers"/);
    const lint = parseArgs(['lint', 'a.yaml', '--method', 'GET']);
    expect(lint.ok ? '' : lint.error).toMatch(/--method does not apply to "lint"/);
  });
});

describe('a --queries entry', () => {
  it('carries via, method, headers and seed into the query', () => {
    expect(toQueryItem({ from: 'internet', to: 'http://gw.test/', via: 'gateway/infra/public', method: 'put', headers: { 'X-A': 'b' }, seed: 3 }, 0)).toEqual({
      query: { from: 'internet', to: 'http://gw.test/', via: 'gateway/infra/public', method: 'PUT', headers: { 'X-A': 'b' }, seed: 3 },
    });
    expect(toQueryItem({ from: 'internet', to: 'http://gw.test/' }, 0)).toEqual({ query: { from: 'internet', to: 'http://gw.test/' } });
  });

  it.each([
    [{ via: 7 }, 'query 2: "via" must be a string (gateway/NS/NAME or ingress)'],
    [{ via: 'gw' }, 'query 2: "via" must be gateway/NS/NAME or ingress (got "gw")'],
    [{ method: 'G T' }, 'query 2: "method" must be an HTTP method such as GET or POST (got "G T")'],
    [{ headers: ['X-A: b'] }, 'query 2: "headers" must be an object of header names to string values'],
    [{ headers: { 'X-A': 1 } }, 'query 2: "headers": the value of "X-A" must be a string'],
    [{ headers: { 'X A': 'b' } }, 'query 2: "headers": "X A" is not a header name (letters, digits and -, such as X-Version)'],
    [{ seed: -1 }, 'query 2: "seed" must be a whole number from 0'],
  ])('%j is an error answer for that query only', (extra, error) => {
    expect(toQueryItem({ from: 'internet', to: 'http://gw.test/', ...extra }, 2)).toEqual({ answer: { from: 'internet', to: 'http://gw.test/', error } });
  });

  it('a missing from/to is answered as before', () => {
    expect(toQueryItem({ to: 'x' }, 1)).toEqual({ answer: { to: 'x', error: 'query 1: "from" must be a string (a source such as pod/NS/NAME or internet)' } });
  });
});
