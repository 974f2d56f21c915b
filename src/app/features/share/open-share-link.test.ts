import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DECODE_HERE_MAX_CHARS, openSharePayload } from './open-share-link';
import { deflateV2 } from './share-codec-v2';
import { SHARE_DICTIONARY_V2 } from './share-dictionary';
import {
  checkSharePayloadLength,
  decodeShareText,
  encodeShareText,
  maxSharePayloadChars,
  MAX_SHARED_BYTES,
  type DecodeResult,
} from './share-link';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('an oversized link is refused before anything is decoded', () => {
  it('the limit is what 1 MiB of text can become at worst, no less', () => {
    // Incompressible bytes: zlib stores them, the worst case for the payload's length.
    const worst = `1.${b64url(deflateRawSync(randomBytes(MAX_SHARED_BYTES)))}`;
    expect(worst.length).toBeLessThanOrEqual(maxSharePayloadChars());
    expect(checkSharePayloadLength(worst)).toBeUndefined();
    expect(maxSharePayloadChars()).toBe(1_399_832);
  });

  it('format 2 (fflate or zlib, with the dictionary) fits the same limit', () => {
    const random = randomBytes(MAX_SHARED_BYTES);
    const byFflate = `2.${b64url(deflateV2(random))}`;
    const byZlib = `2.${b64url(deflateRawSync(random, { dictionary: Buffer.from(SHARE_DICTIONARY_V2) }))}`;
    expect(byFflate.length).toBeLessThanOrEqual(maxSharePayloadChars());
    expect(byZlib.length).toBeLessThanOrEqual(maxSharePayloadChars());
  });

  it('one character more is refused with its length, without decoding', () => {
    const limit = maxSharePayloadChars();
    expect(checkSharePayloadLength(`1.${'A'.repeat(limit - 2)}`)).toBeUndefined();
    const over = `1.${'A'.repeat(limit - 1)}`;
    expect(checkSharePayloadLength(over)).toEqual({
      ok: false,
      error:
        'This link is 1,399,833 characters long, longer than a link of at most 1024 KB of text can be, so it was not opened.',
    });
  });

  it('decodeShareText refuses a 2 MB link by its length (not by inflating it)', async () => {
    const result = await decodeShareText(`1.${'A'.repeat(2_000_000)}`);
    expect(result.ok ? '' : result.error).toMatch(/^This link is 2,000,002 characters long/);
  });

  it('a link as long as the app can make opens', async () => {
    const text = Array.from(
      { length: 20_000 },
      (_, i) => `  label-${i}: value-${(i * 7919) % 10007}`,
    ).join('\n');
    const payload = await encodeShareText(text);
    expect(payload.length).toBeGreaterThan(32_000);
    expect(await openSharePayload(payload, undefined)).toEqual({ ok: true, text });
  });
});

describe('a deflate bomb is stopped after its first pieces', () => {
  const Real = globalThis.DecompressionStream;
  afterEach(() => {
    globalThis.DecompressionStream = Real;
  });

  it('format 1: the inflater is fed the compressed bytes a piece at a time, and no more once past the cap', async () => {
    let fed = 0;
    // The real inflater, with a count of the compressed bytes written into it.
    globalThis.DecompressionStream = class {
      readonly readable: ReadableStream<Uint8Array>;
      readonly writable: WritableStream<Uint8Array>;
      constructor(format: CompressionFormat) {
        const real = new Real(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
        const into = real.writable.getWriter();
        this.writable = new WritableStream<Uint8Array>({
          write(chunk) {
            fed += chunk.byteLength;
            return into.write(chunk);
          },
          close: () => into.close(),
          abort: (reason) => into.abort(reason),
        });
        this.readable = real.readable;
      }
    } as unknown as typeof DecompressionStream;
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x61));
    expect(bomb.length).toBeGreaterThan(60_000);
    const result = await decodeShareText(`1.${b64url(bomb)}`);
    expect(result.ok ? '' : result.error).toMatch(/more than 1024 KB/);
    // 1 MiB inflates from about 1 KB of this bomb: a few pieces (plus what the inflater takes
    // ahead: Node's buffers 16 KiB), never the whole 64 KB.
    expect(fed).toBeLessThanOrEqual(24 * 1024);
  });

  it('format 2: fflate is pushed a piece at a time, and no more once past the cap', async () => {
    const push = vi.spyOn(Inflate.prototype, 'push');
    try {
      const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x61), {
        dictionary: Buffer.from(SHARE_DICTIONARY_V2),
      });
      expect(bomb.length).toBeGreaterThan(60_000);
      const result = await decodeShareText(`2.${b64url(bomb)}`);
      expect(result.ok ? '' : result.error).toMatch(/more than 1024 KB/);
      const fed = push.mock.calls.reduce((sum, [chunk]) => sum + chunk.byteLength, 0);
      expect(Math.max(...push.mock.calls.map(([chunk]) => chunk.byteLength))).toBeLessThanOrEqual(
        1024,
      );
      // 1 MiB inflates from about 1 KB of this bomb: a couple of pieces, never the whole 64 KB.
      expect(fed).toBeLessThanOrEqual(4 * 1024);
    } finally {
      push.mockRestore();
    }
  });
});

/** A stand-in for the decode worker: answers through `answer`, records what happened. */
class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = false;
  constructor(private readonly answer: (payload: string, worker: FakeWorker) => void) {
    super();
  }
  postMessage(payload: string) {
    this.posted.push(payload);
    this.answer(payload, this);
  }
  terminate() {
    this.terminated = true;
  }
  reply(result: DecodeResult) {
    queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: result })));
  }
}

/** A payload just too long to be decoded on the page (its content is the fake worker's business). */
const LONG = `1.${'A'.repeat(DECODE_HERE_MAX_CHARS - 1)}`;

describe('openSharePayload: a long link decoded in a worker, with the length judged first', () => {
  it('posts the payload to a worker and answers with its result, then ends it', async () => {
    const worker = new FakeWorker((_payload, w) => w.reply({ ok: true, text: 'kind: Pod' }));
    const start = vi.fn(() => worker as unknown as Worker);
    expect(LONG.length).toBe(DECODE_HERE_MAX_CHARS + 1);
    await expect(openSharePayload(LONG, start)).resolves.toEqual({
      ok: true,
      text: 'kind: Pod',
    });
    expect(worker.posted).toEqual([LONG]);
    expect(worker.terminated).toBe(true);
  });

  it('a short link is decoded on the page, no worker started (B20)', async () => {
    const start = vi.fn(() => new FakeWorker(() => undefined) as unknown as Worker);
    const payload = await encodeShareText('kind: Service\n');
    expect(payload.length).toBeLessThanOrEqual(DECODE_HERE_MAX_CHARS);
    await expect(openSharePayload(payload, start)).resolves.toEqual({
      ok: true,
      text: 'kind: Service\n',
    });
    // Format 1 and damaged links alike: bad input is a message, never a throw.
    const v1 = `1.${b64url(deflateRawSync(Buffer.from('kind: Pod\n')))}`;
    await expect(openSharePayload(v1, start)).resolves.toEqual({ ok: true, text: 'kind: Pod\n' });
    const damaged = await openSharePayload('1.!!notbase64', start);
    expect(damaged.ok).toBe(false);
    const bomb = `1.${b64url(deflateRawSync(Buffer.alloc(5 * 1024 * 1024, 0x61), { level: 9 }))}`;
    expect(bomb.length).toBeLessThanOrEqual(DECODE_HERE_MAX_CHARS);
    const big = await openSharePayload(bomb, start);
    expect(big.ok ? '' : big.error).toMatch(/more than 1024 KB/);
    expect(start).not.toHaveBeenCalled();
  });

  it('a link too long is refused without starting a worker', async () => {
    const start = vi.fn(() => new FakeWorker(() => undefined) as unknown as Worker);
    const result = await openSharePayload(`1.${'A'.repeat(2_000_000)}`, start);
    expect(result.ok ? '' : result.error).toMatch(/characters long/);
    expect(start).not.toHaveBeenCalled();
  });

  it('when the worker cannot start or fails to load, the link is decoded here', async () => {
    // Long enough for a worker: a ConfigMap of digits that do not compress much.
    const text = `kind: ConfigMap\ndata:\n${Array.from({ length: 900 }, (_, i) => `  k${i}: "${((i * 2654435761) % 4294967296).toString(16)}"`).join('\n')}\n`;
    const payload = await encodeShareText(text);
    expect(payload.length).toBeGreaterThan(DECODE_HERE_MAX_CHARS);
    const throws = () => {
      throw new Error('blocked');
    };
    await expect(openSharePayload(payload, throws)).resolves.toEqual({ ok: true, text });
    const failing = new FakeWorker((_p, w) =>
      queueMicrotask(() => w.dispatchEvent(new Event('error'))),
    );
    await expect(openSharePayload(payload, () => failing as unknown as Worker)).resolves.toEqual({
      ok: true,
      text,
    });
    expect(failing.terminated).toBe(true);
  });
});
