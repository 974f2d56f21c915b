import { describe, expect, it } from 'vitest';
import { readEmbedFragment } from './embed-fragment';
import { toFullSizeUrl } from './full-size-url';

describe('the embed keys of a fragment', () => {
  it.each([
    ['', { embed: false, editor: undefined }],
    ['#s=2.abc', { embed: false, editor: undefined }],
    ['#embed=1', { embed: true, editor: undefined }],
    ['embed=1', { embed: true, editor: undefined }],
    ['#s=2.abc&embed=1&editor=1', { embed: true, editor: true }],
    ['#editor=0&embed=1&lesson=nodeport&step=2', { embed: true, editor: false }],
    // Only `1` turns embed on; anything else is ignored, never interpreted.
    ['#embed=true', { embed: false, editor: undefined }],
    ['#embed=<script>&editor=yes', { embed: false, editor: undefined }],
    ['#embed=0&editor=1', { embed: false, editor: true }],
  ])('%s', (hash, expected) => {
    expect(readEmbedFragment(hash)).toEqual(expected);
  });
});

describe('the full-size link', () => {
  it('drops embed and editor and keeps every other key as written', () => {
    expect(toFullSizeUrl('https://h/app/#embed=1&lesson=nodeport&step=2&s=2.a-b_c')).toBe(
      'https://h/app/#lesson=nodeport&step=2&s=2.a-b_c',
    );
    expect(toFullSizeUrl('http://127.0.0.1:5173/#s=2.xyz&editor=1&embed=1&theme=dark')).toBe(
      'http://127.0.0.1:5173/#s=2.xyz&theme=dark',
    );
    expect(toFullSizeUrl('https://h/#from=pod%3Aa&embed=1&to=b')).toBe(
      'https://h/#from=pod%3Aa&to=b',
    );
  });

  it('drops an encoded embed key and leaves no empty fragment behind', () => {
    expect(toFullSizeUrl('https://h/x/#%65mbed=1')).toBe('https://h/x/');
    expect(toFullSizeUrl('https://h/x/#embed=1&&')).toBe('https://h/x/');
    expect(toFullSizeUrl('https://h/x/')).toBe('https://h/x/');
  });

  it('keeps a malformed key rather than throwing', () => {
    expect(toFullSizeUrl('https://h/#%E0%A4%A=1&embed=1')).toBe('https://h/#%E0%A4%A=1');
  });
});
