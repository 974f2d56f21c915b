import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARE_DICTIONARY_V2 } from './share-dictionary';
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
    expect(payload).toMatch(/^2\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareText(payload)).toEqual({ ok: true, text });
  });

  it('keeps the seed scenario link under 1,000 characters', async () => {
    const url = toShareUrl('http://127.0.0.1:41730/', await encodeShareText(seed));
    expect(new URL(url).hash.length).toBeLessThan(1000);
  });

  const dictionary = Buffer.from(SHARE_DICTIONARY_V2);
  /** Deflate-raw by zlib, for format 1 (no dictionary) or format 2 (the preset dictionary). */
  const deflated = (version: '1' | '2', data: Buffer) =>
    `${version}.${b64url(version === '1' ? deflateRawSync(data) : deflateRawSync(data, { dictionary }))}`;

  it.each([
    [
      'an unknown version',
      `3.${b64url(deflateRawSync('kind: Pod'))}`,
      /different version of kube-netplay \(format "3"\)/,
    ],
    ['no version', 'abc', /different version/],
  ])('refuses %s with a message', async (_name, payload, message) => {
    const result = await decodeShareText(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  describe.each(['1', '2'] as const)(
    'format %s refuses damage with the same messages',
    (version) => {
      it.each([
        ['bad base64', `${version}.@@@!!`, /not valid base64url/],
        ['an impossible base64 length', `${version}.a`, /not valid base64url/],
        ['empty data', `${version}.`, /not valid base64url/],
        [
          'bytes that are not deflate',
          `${version}.${b64url(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]))}`,
          /could not be decompressed/,
        ],
        [
          'deflate of bytes that are not UTF-8',
          deflated(version, Buffer.from([0xc3, 0x28, 0xff])),
          /could not be decompressed/,
        ],
        [
          'deflate cut short',
          deflated(
            version,
            readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url)),
          ).slice(0, 200),
          /could not be decompressed/,
        ],
        [
          'a deflate bomb over 1 MB',
          deflated(version, Buffer.alloc(3 * 1024 * 1024, 0x61)),
          /more than 1024 KB/,
        ],
      ])('%s', async (_name, payload, message) => {
        const result = await decodeShareText(payload);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toMatch(message);
      });

      it('accepts a text of exactly the cap and refuses one byte more', async () => {
        const cap = 1000;
        const at = deflated(version, Buffer.alloc(cap, 0x61));
        const over = deflated(version, Buffer.alloc(cap + 1, 0x61));
        expect(await decodeShareText(at, cap)).toEqual({ ok: true, text: 'a'.repeat(cap) });
        expect((await decodeShareText(over, cap)).ok).toBe(false);
      });
    },
  );

  const podText =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec: {containers: [{name: web, image: nginx}]}\n';

  it('opens a format-1 link made before format 2 (by CompressionStream)', async () => {
    const v1 =
      '1.TcsxCsMwEATAXq_YB6RJe69wlcakWFuHOWydhCUSg9DfA6ncDgyLvfSsll3weYbdPAqmHEPSxshGQXcmFXx1eeDgokcVdJbypzFCLboK-pq90VzPKpjvxxI3Ffhmfo33CD8';
    expect(await decodeShareText(v1)).toEqual({ ok: true, text: podText });
  });

  it('opens format-2 links made by another deflater with the same dictionary (zlib)', async () => {
    expect(await decodeShareText(deflated('2', Buffer.from(podText)))).toEqual({
      ok: true,
      text: podText,
    });
    expect(await decodeShareText(deflated('2', Buffer.from(seed)))).toEqual({
      ok: true,
      text: seed,
    });
  });

  it('the format-2 dictionary is frozen: links already made must keep opening', async () => {
    // Changing the dictionary breaks every `#s=2.` link in the world: make format 3 instead.
    expect(createHash('sha256').update(SHARE_DICTIONARY_V2).digest('hex')).toBe(
      '5210a02d5e499e3c6c90d4d3f66fbba529f02eae560941a42492e76ee20be476',
    );
    expect(await decodeShareText('2.I77xD271Ymstk9JSBjUjAA')).toEqual({ ok: true, text: podText });
  });

  it('round-trips random texts through format 2', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 3000 }),
          fc
            .array(
              fc.constantFrom(
                'apiVersion: v1\n',
                'kind: Service\n',
                '  app: ',
                'x',
                '\n',
                'é☸',
                ' ',
              ),
              {
                maxLength: 400,
              },
            )
            .map((parts) => parts.join('')),
          fc.string({ unit: 'grapheme', minLength: 2000, maxLength: 20_000 }),
        ),
        async (text) => {
          const payload = await encodeShareText(text);
          expect(payload).toMatch(/^2\.[A-Za-z0-9_-]+$/);
          expect(await decodeShareText(payload)).toEqual({ ok: true, text });
        },
      ),
      { seed: 20261206, numRuns: 150 },
    );
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
