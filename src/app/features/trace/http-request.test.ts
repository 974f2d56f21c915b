import { describe, expect, it } from 'vitest';
import { formatHeaderText, isHttpMethod, parseHeaderText } from './http-request';

describe('header text', () => {
  it('reads Name: value pairs split by ; or new lines, skipping empty ones', () => {
    expect(parseHeaderText(' Version: two ;X-Env:canary;\n;Accept: a:b ')).toEqual({
      ok: true,
      headers: { Version: 'two', 'X-Env': 'canary', Accept: 'a:b' },
    });
    expect(parseHeaderText('')).toEqual({ ok: true, headers: {} });
  });

  it('a name given twice (any case) keeps the last value', () => {
    expect(parseHeaderText('version: one; Version: two')).toEqual({
      ok: true,
      headers: { Version: 'two' },
    });
  });

  it('says what is wrong with a pair', () => {
    expect(parseHeaderText('Version two')).toEqual({
      ok: false,
      message: '"Version two" is not Name: value',
    });
    expect(parseHeaderText(': two')).toEqual({ ok: false, message: '": two" is not Name: value' });
    expect(parseHeaderText('Ver sion: two')).toEqual({
      ok: false,
      message: '"Ver sion" is not a header name (letters, digits, -)',
    });
  });

  it('writes them back for the screen and for links, and reads what it wrote', () => {
    const headers = { Version: 'two', 'X-Env': 'a b' };
    expect(formatHeaderText(headers)).toBe('Version: two; X-Env: a b');
    expect(formatHeaderText(headers, ';')).toBe('Version:two;X-Env:a b');
    expect(parseHeaderText(formatHeaderText(headers))).toEqual({ ok: true, headers });
    expect(parseHeaderText(formatHeaderText(headers, ';'))).toEqual({ ok: true, headers });
  });

  it('a method is a token; empty means GET', () => {
    expect(isHttpMethod('')).toBe(true);
    expect(isHttpMethod('PURGE')).toBe(true);
    expect(isHttpMethod('GE T')).toBe(false);
  });
});
