import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, readFileUpTo, readInputs, readQueriesFile, readStdin } from './read-input';

/** An endless stream of `chunk`-byte pieces that counts how many bytes were pulled from it. */
function endlessStream(chunk: number): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const stream = new Readable({
    read() {
      pulled += chunk;
      this.push(Buffer.alloc(chunk, 0x20));
    },
  });
  return { stream, pulled: () => pulled };
}

const dir = mkdtempSync(join(tmpdir(), 'netplay-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: number): string => {
  const path = join(dir, name);
  writeFileSync(path, Buffer.alloc(bytes, 0x23));
  return path;
};

describe('reading stops at the limit', () => {
  it('stdin: an endless stream is refused after about the limit, not read to the end', async () => {
    const { stream, pulled } = endlessStream(16 * 1024);
    await expect(readStdin(100 * 1024, stream)).resolves.toBeUndefined();
    // At most the limit plus what the stream buffers ahead (its highWaterMark) was pulled.
    expect(pulled()).toBeLessThanOrEqual(100 * 1024 + 16 * 1024 + stream.readableHighWaterMark);
    expect(stream.destroyed).toBe(true);
  });

  it('stdin within the limit is read whole', async () => {
    await expect(readStdin(10, Readable.from([Buffer.from('kind: '), Buffer.from('Pod')]))).resolves.toBe('kind: Pod');
  });

  it('a device that never ends (/dev/zero) is refused, not read until memory runs out', async () => {
    await expect(readFileUpTo('/dev/zero', 64 * 1024)).resolves.toBeUndefined();
  });

  it('a regular file: exactly the limit is read, one byte more is refused', async () => {
    await expect(readFileUpTo(write('exact.yaml', 1000), 1000)).resolves.toHaveLength(1000);
    await expect(readFileUpTo(write('over.yaml', 1001), 1000)).resolves.toBeUndefined();
  });
});

describe('readInputs: the limit counts every FILE together and names the file that passes it', () => {
  it('one file over the limit', async () => {
    const path = write('big.yaml', 2000);
    await expect(readInputs([path], undefined, 1000)).rejects.toThrow(
      new CliError(`cannot read ${path}: larger than 1000 bytes, the limit for manifests; split it or remove what you do not need`),
    );
  });

  it('files each within the limit but not together: the one that passes it is named', async () => {
    const a = write('a.yaml', 600);
    const b = write('b.yaml', 600);
    await expect(readInputs([a, b], undefined, 1000)).rejects.toThrow(
      `cannot read ${b}: with the 600 bytes read before it, the manifests pass 1000 bytes, the limit for every FILE together`,
    );
  });

  it('stdin (-) gets what is left of the limit, and is named <stdin>', async () => {
    const a = write('first.yaml', 600);
    let asked = 0;
    const stdin = (maxBytes: number): Promise<string | undefined> => {
      asked = maxBytes;
      return Promise.resolve(undefined);
    };
    await expect(readInputs([a, '-'], stdin, 1000)).rejects.toThrow(/^cannot read <stdin>: with the 600 bytes read before it/);
    expect(asked).toBe(400);
  });
});

describe('readQueriesFile: a queries file is blamed as the queries file, with its path', () => {
  it('over the limit', async () => {
    const path = write('queries.json', 2000);
    await expect(readQueriesFile(path, undefined, 1000)).rejects.toThrow(
      `cannot read the queries file ${path}: larger than 1000 bytes, the limit for a queries file; split it into several runs`,
    );
  });

  it('from stdin', async () => {
    await expect(readQueriesFile('-', () => Promise.resolve(undefined), 1000)).rejects.toThrow(/^cannot read the queries file <stdin>: larger than 1000 bytes/);
    await expect(readQueriesFile('-', () => Promise.resolve('[{"from":"internet","to":"ip/1.1.1.1:80"}]'))).resolves.toHaveLength(1);
  });

  it('a directory given as the queries file', async () => {
    await expect(readQueriesFile(dir)).rejects.toThrow(`cannot read the queries file ${dir}: is a directory`);
  });
});
