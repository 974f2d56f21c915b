import { describe, expect, it } from 'vitest';
import { testMatch } from '../testing/gateway';
import { evaluateRouteMatch, matchesPathPrefix, queryParamsOf } from './match-request';
import { hostWithoutPort, hostnameMatches } from './hostnames';

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => ({ path, method, headers });

describe('PathPrefix is element-wise and ignores a trailing slash', () => {
  it.each([
    ['/abc', '/abc', true],
    ['/abc', '/abc/', true],
    ['/abc', '/abc/def', true],
    ['/abc', '/abcd', false],
    ['/abc/', '/abc', true],
    ['/abc/', '/abc/def', true],
    ['/abc/', '/abcd', false],
    ['/', '/anything', true],
    ['/', '/', true],
    ['/v2', '/v2example', false],
  ])('%s ~ %s = %s', (prefix, path, expected) => {
    expect(matchesPathPrefix(prefix, path)).toBe(expected);
  });
});

describe('one HTTPRouteMatch', () => {
  it('Exact is the whole path and case-sensitive; the query is not part of the path', () => {
    const m = testMatch({ path: { type: 'Exact', value: '/one' } });
    expect(evaluateRouteMatch(m, get('/one')).matched).toBe(true);
    expect(evaluateRouteMatch(m, get('/one?x=1')).matched).toBe(true);
    expect(evaluateRouteMatch(m, get('/one/')).matched).toBe(false);
    expect(evaluateRouteMatch(m, get('/One')).matched).toBe(false);
  });

  it('header names are case-insensitive, values exact; all fields AND', () => {
    const m = testMatch({ path: { value: '/' }, headers: [{ name: 'Version', value: 'one' }], method: 'POST' });
    expect(evaluateRouteMatch(m, get('/', { version: 'one' }, 'POST')).matched).toBe(true);
    expect(evaluateRouteMatch(m, get('/', { version: 'One' }, 'POST')).matched).toBe(false);
    expect(evaluateRouteMatch(m, get('/', { version: 'one' }, 'GET'))).toEqual({ matched: false, why: 'method GET is not POST' });
    expect(evaluateRouteMatch(m, get('/', {}, 'POST')).why).toBe('header Version is missing');
  });

  it('only the first of two header entries with one name counts', () => {
    const m = testMatch({ headers: [{ name: 'color', value: 'red' }, { name: 'Color', value: 'blue' }] });
    expect(evaluateRouteMatch(m, get('/', { color: 'red' })).matched).toBe(true);
    expect(evaluateRouteMatch(m, get('/', { color: 'blue' })).matched).toBe(false);
  });

  it('query params: names and values exact, decoded', () => {
    const m = testMatch({ queryParams: [{ name: 'animal', value: 'whale' }] });
    expect(evaluateRouteMatch(m, get('/?animal=whale')).matched).toBe(true);
    expect(evaluateRouteMatch(m, get('/?Animal=whale')).matched).toBe(false);
    expect(evaluateRouteMatch(m, get('/?animal=Whale')).matched).toBe(false);
    expect(queryParamsOf('/p?a=1&b=x%20y&a=2')).toEqual({ a: '1', b: 'x y' });
  });

  it('RegularExpression is never matched, and says why', () => {
    const m = testMatch({ path: { type: 'RegularExpression', value: '/.*' } });
    const v = evaluateRouteMatch(m, get('/x'));
    expect(v.matched).toBe(false);
    expect(v.why).toMatch(/implementation-specific/);
  });
});

describe('hostnames', () => {
  it('a wildcard matches one or more labels, never the bare suffix', () => {
    expect(hostnameMatches('*.wildcard.io', 'foo.wildcard.io')).toBe(true);
    expect(hostnameMatches('*.wildcard.io', 'foo.bar.wildcard.io')).toBe(true);
    expect(hostnameMatches('*.wildcard.io', 'wildcard.io')).toBe(false);
    expect(hostnameMatches('Very.Specific.com', 'very.specific.com')).toBe(true);
  });

  it('the port of a Host is dropped', () => {
    expect(hostWithoutPort('Very.Specific.com:1234')).toBe('very.specific.com');
    expect(hostWithoutPort('[::1]:80')).toBe('::1');
    expect(hostWithoutPort('::1')).toBe('::1');
  });
});
