/**
 * EDITOR (E1-E3): the editor's questions to the engine's worker on the 300-pod scenario, timed
 * through the worker's own handler (the same code the Web Worker runs), after the analysis the
 * editor's keystroke already asked for: a hover on every selector line (E1, the slowest), a
 * completion of a label value (E2), the code lenses after a new analysis (E3). The budget
 * figure is the median of the warm runs (as the engine's); the 95th percentile and the slowest
 * are printed beside it (on a loaded machine the slowest is mostly other processes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCluster } from './generate.mjs';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function bundleHandler(root, dir) {
  const esbuild = await import('esbuild');
  const outfile = join(dir, 'handler.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'src/engine-client/handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __netplayCreateRequire } from 'node:module'; const require = __netplayCreateRequire(import.meta.url);" },
  });
  return outfile;
}

/** Runs the editor cases; returns printable lines and calls `record` for each budget. */
export async function runEditorBench({ root, record, runs = 15 }) {
  const dir = mkdtempSync(join(tmpdir(), 'netplay-editor-bench-'));
  try {
    const { createEngineHandler } = await import(pathToFileURL(await bundleHandler(root, dir)).href);
    const { yaml } = generateCluster({ pods: 300, seed: 1 });
    const handle = createEngineHandler();
    let id = 0;
    const ask = (type, params) => {
      const t0 = performance.now();
      const response = handle({ id: ++id, type, params });
      const ms = performance.now() - t0;
      if (response.status !== 'ok') throw new Error(`${type}: ${response.message}`);
      return { ms, result: response.result };
    };
    ask('simulate', { text: yaml });
    const lines = yaml.split('\n');
    const selectorLines = lines.flatMap((l, i) => (/^\s+(app|team|env|tier)\S*: \S/.test(l) || /selector: \{/.test(l) ? [i + 1] : []));

    // E1: a hover on each selector line (warm: the analysis of this text is the session's).
    const hoverSamples = [];
    let answered = 0;
    for (let r = 0; r < Math.max(2, Math.ceil(runs / 5)); r++)
      for (const line of selectorLines) {
        const column = lines[line - 1].search(/\S/) + 1;
        const { ms, result } = ask('explainAt', { text: yaml, line, column });
        if (r > 0 && result) hoverSamples.push(ms);
        if (r === 0 && result) answered++;
      }

    // E2: completing a label value under the first matchLabels.
    const at = lines.findIndex((l) => /matchLabels:\s*$/.test(l));
    const indent = lines[at + 1].search(/\S/);
    const typed = [...lines.slice(0, at + 1), `${' '.repeat(indent)}app: `, ...lines.slice(at + 1)].join('\n');
    ask('simulate', { text: typed });
    const completionSamples = [];
    let items = 0;
    for (let r = 0; r < runs; r++) {
      const { ms, result } = ask('completeAt', { text: typed, line: at + 2, column: indent + 6 });
      if (r > 0) completionSamples.push(ms);
      items = result?.items.length ?? 0;
    }

    // E3: the code lenses of a new analysis (the editor asks once the analysis has arrived).
    const lensSamples = [];
    let lensCount = 0;
    for (let r = 0; r < runs; r++) {
      const edited = yaml.replace('replicas: 2', `replicas: ${2 + (r % 2)}`);
      ask('simulate', { text: edited });
      const { ms, result } = ask('codeLenses', { text: edited });
      if (r > 0) lensSamples.push(ms);
      lensCount = result.length;
    }

    const worst = (xs) => Math.max(...xs);
    const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
    record('E1', 'hover answer, 300 pods (median over the selector lines)', median(hoverSamples), 50, 'ms');
    record('E2', 'completion list, 300 pods', median(completionSamples), 50, 'ms');
    record('E3', 'code lenses after an analysis, 300 pods', median(lensSamples), 100, 'ms');
    return [
      `300 pods: ${selectorLines.length} selector lines, ${answered} answered`,
      `E1 hover      median ${median(hoverSamples).toFixed(2)} ms, p95 ${p95(hoverSamples).toFixed(2)} ms, slowest ${worst(hoverSamples).toFixed(2)} ms`,
      `E2 completion median ${median(completionSamples).toFixed(2)} ms, p95 ${p95(completionSamples).toFixed(2)} ms, slowest ${worst(completionSamples).toFixed(2)} ms (${items} items)`,
      `E3 code lens  median ${median(lensSamples).toFixed(2)} ms, p95 ${p95(lensSamples).toFixed(2)} ms, slowest ${worst(lensSamples).toFixed(2)} ms (${lensCount} lenses)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
