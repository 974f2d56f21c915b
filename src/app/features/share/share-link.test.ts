import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeShareText, encodeShareText, readShareFragment, toShareUrl } from './share-link';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('share links', () => {
  it.each([
    ['the seed scenario', seed],
    ['empty text', ''],
    ['unicode and CRLF', 'metadata:\r\n  name: café-☸\r\n  # ünïcode 🚀\r\n'],
    ['a 200 KB text', 'x: 1\n'.repeat(40_000)],
  ])('round-trips %s exactly', async (_name, text) => {
    const payload = await encodeShareText(text);
    expect(payload.startsWith('1.')).toBe(true);
    expect(payload).toMatch(/^1\.[A-Za-z0-9_-]*$/);
    expect(await decodeShareText(payload)).toEqual({ ok: true, text });
  });

  it('keeps the seed scenario link under 1,000 characters', async () => {
    const url = toShareUrl('http://127.0.0.1:41730/', await encodeShareText(seed));
    expect(new URL(url).hash.length).toBeLessThan(1000);
  });

  it.each([
    ['an unknown version', `2.${b64url(deflateRawSync('kind: Pod'))}`, /different version/],
    ['no version', 'abc', /different version/],
    ['bad base64', '1.@@@!!', /not valid base64url/],
    ['an impossible base64 length', '1.a', /not valid base64url/],
    ['empty data', '1.', /not valid base64url/],
    [
      'bytes that are not deflate',
      `1.${b64url(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]))}`,
      /could not be decompressed/,
    ],
    [
      'deflate of bytes that are not UTF-8',
      `1.${b64url(deflateRawSync(Buffer.from([0xc3, 0x28, 0xff])))}`,
      /could not be decompressed/,
    ],
    [
      'a deflate bomb over 1 MB',
      `1.${b64url(deflateRawSync(Buffer.alloc(3 * 1024 * 1024, 0x61)))}`,
      /more than 1024 KB/,
    ],
  ])('refuses %s with a message', async (_name, payload, message) => {
    const result = await decodeShareText(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('accepts a text of exactly the cap and refuses one byte more', async () => {
    const cap = 1000;
    const at = `1.${b64url(deflateRawSync(Buffer.alloc(cap, 0x61)))}`;
    const over = `1.${b64url(deflateRawSync(Buffer.alloc(cap + 1, 0x61)))}`;
    expect((await decodeShareText(at, cap)).ok).toBe(true);
    expect((await decodeShareText(over, cap)).ok).toBe(false);
  });

  it.each([
    ['#s=1.abc', '1.abc'],
    ['#x=1&s=1.abc', '1.abc'],
    ['', undefined],
    ['#other', undefined],
  ])('reads the s parameter of %j', (hash, expected) => {
    expect(readShareFragment(hash)).toBe(expected);
  });

  it('replaces an existing fragment when making a URL', () => {
    expect(toShareUrl('http://h/p?q=1#s=old', '1.new')).toBe('http://h/p?q=1#s=1.new');
  });
});
