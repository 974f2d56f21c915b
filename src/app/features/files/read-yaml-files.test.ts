import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, parseManifests } from '../../../engine';
import { toDownloadName } from './download-text';
import {
  MAX_FILE_BYTES,
  joinYamlDocuments,
  readYamlFiles,
  type OpenedFile,
  type ReadFilesResult,
} from './read-yaml-files';

const file = (name: string, content: string | Uint8Array): OpenedFile => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, size: bytes.length, arrayBuffer: () => Promise.resolve(bytes.slice().buffer) };
};

/** The message of a refusal (fails the test when the files were opened). */
const refusal = (result: ReadFilesResult): string => {
  if (result.ok) throw new Error('expected a refusal');
  return result.message;
};

/** A file that must not be read: its size alone refuses it. */
const hugeFile = (name: string, size: number): OpenedFile => ({
  name,
  size,
  arrayBuffer: () => Promise.reject(new Error('a refused file must not be read')),
});

// What `kubectl get svc,pods -o yaml` prints (trimmed): a List with the objects as items.
const KUBECTL_LIST = `apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: default
  spec:
    ports:
    - port: 80
      targetPort: 8080
    selector:
      app: web
- apiVersion: v1
  kind: Pod
  metadata:
    labels:
      app: web
    name: web-0
    namespace: default
  spec:
    containers:
    - image: nginx
      name: web
kind: List
metadata:
  resourceVersion: ""
`;

describe('readYamlFiles', () => {
  it('joins several files with --- in name order, whatever order they were chosen in', async () => {
    const result = await readYamlFiles([
      file('b.yaml', 'kind: B'),
      file('a.yml', 'kind: A\n'),
      file('10-c.yaml', 'kind: C\n'),
      file('9-c.yaml', 'kind: D\n'),
    ]);
    expect(result).toEqual({
      ok: true,
      names: ['9-c.yaml', '10-c.yaml', 'a.yml', 'b.yaml'],
      text: 'kind: D\n---\nkind: C\n---\nkind: A\n---\nkind: B\n',
    });
  });

  it('opens one file as it is (a UTF-8 BOM dropped)', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('kind: Pod # é\n')]);
    expect(await readYamlFiles([file('pod.yaml', bom)])).toMatchObject({
      ok: true,
      text: 'kind: Pod # é\n',
    });
  });

  it('loads kubectl List output: the engine unpacks its items with their own lines', async () => {
    const result = await readYamlFiles([
      file('from-kubectl.yaml', KUBECTL_LIST),
      file(
        'policy.yaml',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n',
      ),
    ]);
    if (!result.ok) throw new Error(result.message);
    const parsed = parseManifests([{ name: 'scenario.yaml', text: result.text }]);
    expect(parsed.diagnostics).toEqual([]);
    expect(
      parsed.documents.map((d) => `${d.kind}/${(d.object['metadata'] as { name: string }).name}`),
    ).toEqual(['Service/web', 'Pod/web-0', 'NetworkPolicy/deny']);
    // The Service's port is on its line of the joined text (line 10: "- port: 80").
    const service = parsed.documents[0]!;
    const lines = result.text.split('\n');
    const range = service.fieldRanges['spec.ports[0].port'];
    expect(lines[range!.startLine - 1]).toContain('port: 80');
  });

  it('refuses more than the engine analyses without reading it, whatever the split', async () => {
    expect(MAX_FILE_BYTES).toBe(MAX_INPUT_BYTES);
    const one = await readYamlFiles([hugeFile('big.yaml', 50 * 1024 * 1024)]);
    expect(refusal(one)).toContain('"big.yaml" is 50.0 MB, over the 5 MB the editor analyses');
    const two = await readYamlFiles([
      hugeFile('a.yaml', MAX_FILE_BYTES - 10),
      hugeFile('b.yaml', 11),
    ]);
    expect(refusal(two)).toContain('These 2 files are');
  });

  it.each([
    [
      'NUL bytes',
      new Uint8Array([0x6b, 0x69, 0x00, 0x6e, 0x64]),
      'binary file (it contains NUL bytes)',
    ],
    [
      'bytes that are not UTF-8',
      new Uint8Array([0x6b, 0x3a, 0x20, 0xff, 0xfe, 0x89]),
      'is not UTF-8 text',
    ],
  ])('refuses a binary file (%s), and the whole selection with it', async (_, bytes, message) => {
    const result = await readYamlFiles([
      file('good.yaml', 'kind: Pod\n'),
      file('image.yaml', bytes),
    ]);
    expect(refusal(result)).toContain(message);
    expect(refusal(result)).toContain('"image.yaml"');
  });

  it('refuses a file that is not .yaml or .yml by name, and an empty choice', async () => {
    expect(refusal(await readYamlFiles([file('notes.txt', 'hi')]))).toContain(
      '"notes.txt" is not a .yaml or .yml file',
    );
    expect(refusal(await readYamlFiles([]))).toBe('No file was chosen.');
  });
});

describe('joinYamlDocuments and toDownloadName', () => {
  it('ends every part with a newline before the separator', () => {
    expect(joinYamlDocuments(['a: 1', '', 'b: 2\n'])).toBe('a: 1\n---\n---\nb: 2\n');
    expect(joinYamlDocuments(['only'])).toBe('only');
  });

  it('names the download after the lesson, else scenario.yaml, with nothing unsafe', () => {
    expect(toDownloadName('deny-all')).toBe('deny-all.yaml');
    expect(toDownloadName(undefined)).toBe('scenario.yaml');
    expect(toDownloadName('../../etc/passwd')).toBe('etc-passwd.yaml');
    expect(toDownloadName('...')).toBe('scenario.yaml');
  });
});
