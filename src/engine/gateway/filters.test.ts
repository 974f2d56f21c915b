import { describe, expect, it } from 'vitest';
import { modifyPath, redirectLocation, type RedirectFilter } from './filters';

describe('ReplacePrefixMatch follows the HTTPPathModifier table', () => {
  // Request Path | Prefix Match | Replace Prefix | Modified Path (apis/v1/httproute_types.go)
  it.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ])('%s with prefix %s replaced by %j → %s', (path, prefix, replacement, expected) => {
    expect(modifyPath({ type: 'ReplacePrefixMatch', replacePrefixMatch: replacement }, path, prefix)).toBe(expected);
  });

  it('keeps the query string', () => {
    expect(modifyPath({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' }, '/v1/x?a=1', '/v1')).toBe('/v2/x?a=1');
    expect(modifyPath({ type: 'ReplaceFullPath', replaceFullPath: '/one' }, '/full/one/two?a=1', '/full')).toBe('/one?a=1');
  });

  it('a prefix of / puts the replacement in front', () => {
    expect(modifyPath({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/xyz' }, '/a/b', '/')).toBe('/xyz/a/b');
  });
});

describe('RequestRedirect Location', () => {
  const req = { scheme: 'http', host: 'example.org', path: '/p' };
  const redirect = (f: Partial<RedirectFilter>): RedirectFilter => ({ type: 'RequestRedirect', statusCode: 302, ...f });

  it('no scheme, no port: the listener port, omitted when it is the default', () => {
    expect(redirectLocation(redirect({}), req, 80, undefined)).toBe('http://example.org/p');
    expect(redirectLocation(redirect({}), req, 8080, undefined)).toBe('http://example.org:8080/p');
  });

  it('a scheme without port: the scheme well-known port (omitted)', () => {
    expect(redirectLocation(redirect({ scheme: 'https' }), req, 8080, undefined)).toBe('https://example.org/p');
  });

  it('an explicit port is shown unless default for the scheme', () => {
    expect(redirectLocation(redirect({ scheme: 'https', port: 443 }), req, 80, undefined)).toBe('https://example.org/p');
    expect(redirectLocation(redirect({ scheme: 'https', port: 8443 }), req, 80, undefined)).toBe('https://example.org:8443/p');
    expect(redirectLocation(redirect({ port: 80 }), { ...req, scheme: 'https' }, 443, undefined)).toBe('https://example.org:80/p');
  });

  it('hostname and path modifiers', () => {
    expect(
      redirectLocation(redirect({ hostname: 'other.test', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } }), { ...req, path: '/old/x' }, 80, '/old'),
    ).toBe('http://other.test/new/x');
  });
});
