/**
 * The `netplay` argument parser: a small hand parser (no dependency), so the command line
 * starts fast and its errors read the way the contract (docs/cli.md) wants them.
 *
 * @example
 * parseArgs(['trace', 'a.yaml', '--from', 'internet', '--to', 'http://example.com/'])
 * // { ok: true, command: { name: 'trace', files: ['a.yaml'], from: 'internet', ... } }
 */
import type { CniPlugin, Protocol } from '../engine';
import { MAX_NODE_COUNT } from '../engine';
import { quote } from './text';

export type CommandName = 'trace' | 'check' | 'matrix' | 'lint';

export const COMMANDS: readonly CommandName[] = ['trace', 'check', 'matrix', 'lint'];

export const CNI_PLUGINS: readonly CniPlugin[] = ['calico', 'cilium', 'weave', 'flannel'];
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** The largest `--nodes` accepted: the engine's own limit (a playground, not a data centre). */
export const MAX_NODES = MAX_NODE_COUNT;

export interface CommonOptions {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly cni?: CniPlugin;
  readonly nodes?: number;
}

export type Command =
  | ({
      readonly name: 'trace';
      readonly from?: string;
      readonly to?: string;
      readonly queries?: string;
      /** HTTP destinations: the entry point (`gateway/NS/NAME` or `ingress`), the method, the headers (`--header K:V`, repeatable). */
      readonly via?: string;
      readonly method?: string;
      readonly headers?: Readonly<Record<string, string>>;
    } & CommonOptions)
  | ({ readonly name: 'check' } & CommonOptions)
  | ({ readonly name: 'matrix'; readonly port?: number | string; readonly protocol?: Protocol } & CommonOptions)
  | ({ readonly name: 'lint' } & CommonOptions);

export type ParsedArgs =
  | { readonly ok: true; readonly kind: 'help'; readonly topic?: CommandName }
  | { readonly ok: true; readonly kind: 'version' }
  | { readonly ok: true; readonly kind: 'run'; readonly command: Command }
  | { readonly ok: false; readonly error: string; readonly topic?: CommandName };

type OptionName = 'from' | 'to' | 'queries' | 'json' | 'cni' | 'nodes' | 'port' | 'protocol' | 'via' | 'method' | 'header';

/** Which options take a value; the others are flags. */
const TAKES_VALUE: Readonly<Record<OptionName, boolean>> = {
  from: true,
  to: true,
  queries: true,
  json: false,
  cni: true,
  nodes: true,
  port: true,
  protocol: true,
  via: true,
  method: true,
  header: true,
};

/** Options that may be given more than once (each adds one value). */
const REPEATABLE: readonly OptionName[] = ['header'];

const ALLOWED: Readonly<Record<CommandName, readonly OptionName[]>> = {
  trace: ['from', 'to', 'queries', 'json', 'cni', 'nodes', 'via', 'method', 'header'],
  check: ['json', 'cni', 'nodes'],
  matrix: ['port', 'protocol', 'json', 'cni', 'nodes'],
  lint: ['json', 'cni', 'nodes'],
};

function isCommand(s: string): s is CommandName {
  return (COMMANDS as readonly string[]).includes(s);
}

function isOption(s: string): s is OptionName {
  return Object.hasOwn(TAKES_VALUE, s);
}

/** A port is a number 1-65535 or an IANA_SVC_NAME-like name (what `targetPort` names may be). */
export function parsePortArg(s: string): number | string | undefined {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 65535 ? n : undefined;
  }
  // Kubernetes port names: at most 15 characters, lower-case letters, digits and '-'.
  return /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(s) && /[a-z]/.test(s) ? s : undefined;
}

/** An HTTP method: a token of letters (RFC 9110), upper-cased. */
export function parseMethodArg(s: string): string | undefined {
  return /^[A-Za-z]{1,20}$/.test(s) ? s.toUpperCase() : undefined;
}

/** An HTTP header name: an RFC 9110 token. */
export function isHeaderName(s: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(s);
}

/** `--via`, `--method` and each `--header K:V` of `trace`, checked. */
export function parseHttpOptions(
  via: string | undefined,
  method: string | undefined,
  headerArgs: readonly string[],
): { via?: string; method?: string; headers?: Record<string, string> } | { error: string } {
  if (via !== undefined && via !== 'ingress' && !/^gateway\/[^/\s]+\/[^/\s]+$/.test(via)) {
    return { error: `--via must be gateway/NS/NAME or ingress (got ${quote(via)})` };
  }
  let upper: string | undefined;
  if (method !== undefined) {
    upper = parseMethodArg(method);
    if (upper === undefined) return { error: `--method must be an HTTP method such as GET or POST (got ${quote(method)})` };
  }
  const headers: Record<string, string> = {};
  for (const h of headerArgs) {
    const colon = h.indexOf(':');
    const key = colon === -1 ? '' : h.slice(0, colon).trim();
    if (colon === -1 || !isHeaderName(key)) return { error: `--header must be NAME:VALUE with a header name such as X-Version (got ${quote(h)})` };
    headers[key] = h.slice(colon + 1).trim();
  }
  return {
    ...(via !== undefined ? { via } : {}),
    ...(upper !== undefined ? { method: upper } : {}),
    ...(headerArgs.length > 0 ? { headers } : {}),
  };
}

/**
 * Parses `argv` (without `node` and the script). Never throws: a bad command line is an
 * `{ ok: false, error }` the caller prints with exit code 2.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const first = argv[0];
  if (first === undefined) return { ok: false, error: 'missing command' };
  if (first === '--help' || first === '-h') return { ok: true, kind: 'help' };
  if (first === '--version' || first === '-V' || first === '-v') return { ok: true, kind: 'version' };
  if (first === 'help') {
    const topic = argv[1];
    if (topic === undefined) return { ok: true, kind: 'help' };
    if (isCommand(topic)) return { ok: true, kind: 'help', topic };
    return { ok: false, error: `unknown command ${quote(topic)}` };
  }
  if (!isCommand(first)) {
    return {
      ok: false,
      error: first.startsWith('-') ? `unknown option ${first}` : `unknown command ${quote(first)}`,
    };
  }

  const name = first;
  const files: string[] = [];
  const values: Partial<Record<OptionName, string>> = {};
  const repeated: string[] = [];
  let json = false;
  let onlyFiles = false;

  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    if (arg === '--help' || arg === '-h') return { ok: true, kind: 'help', topic: name };
    if (!arg.startsWith('--')) return { ok: false, error: `unknown option ${arg}`, topic: name };

    const eq = arg.indexOf('=');
    const key = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!isOption(key)) return { ok: false, error: `unknown option --${key}`, topic: name };
    if (!ALLOWED[name].includes(key)) {
      return { ok: false, error: `option --${key} does not apply to "${name}"`, topic: name };
    }
    if (!TAKES_VALUE[key]) {
      if (eq !== -1) return { ok: false, error: `option --${key} takes no value`, topic: name };
      json = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '') {
      return { ok: false, error: `option --${key} needs a value`, topic: name };
    }
    if (value.trim() === '') {
      return { ok: false, error: `option --${key} needs a value, not only blanks (got ${quote(value)})`, topic: name };
    }
    if (REPEATABLE.includes(key)) {
      repeated.push(value);
      continue;
    }
    if (values[key] !== undefined) return { ok: false, error: `option --${key} given twice`, topic: name };
    values[key] = value;
  }

  if (files.length === 0) {
    return { ok: false, error: `${name}: missing FILE (a path, a directory, or - for stdin)`, topic: name };
  }
  if (files.filter((f) => f === '-').length > 1) {
    return { ok: false, error: `${name}: stdin (-) can be read only once`, topic: name };
  }

  let cni: CniPlugin | undefined;
  if (values.cni !== undefined) {
    const found = CNI_PLUGINS.find((c) => c === values.cni!.toLowerCase());
    if (found === undefined) {
      return { ok: false, error: `--cni must be one of ${CNI_PLUGINS.join(', ')} (got ${quote(values.cni)})`, topic: name };
    }
    cni = found;
  }
  let nodes: number | undefined;
  if (values.nodes !== undefined) {
    const n = /^\d+$/.test(values.nodes) ? Number(values.nodes) : NaN;
    if (!(n >= 1 && n <= MAX_NODES)) {
      return { ok: false, error: `--nodes must be a whole number from 1 to ${MAX_NODES} (got ${quote(values.nodes)})`, topic: name };
    }
    nodes = n;
  }
  const common: CommonOptions = {
    files,
    json,
    ...(cni !== undefined ? { cni } : {}),
    ...(nodes !== undefined ? { nodes } : {}),
  };

  switch (name) {
    case 'trace': {
      const { from, to, queries, via, method } = values;
      const http = via !== undefined || method !== undefined || repeated.length > 0;
      if (queries !== undefined) {
        if (from !== undefined || to !== undefined) {
          return { ok: false, error: 'trace: use either --queries or --from/--to, not both', topic: name };
        }
        if (http) {
          return { ok: false, error: 'trace: --via, --method and --header go with --from/--to; in a queries file, give "via", "method" and "headers" in each query', topic: name };
        }
        return { ok: true, kind: 'run', command: { name, ...common, queries } };
      }
      if (from === undefined || to === undefined) {
        return { ok: false, error: 'trace: needs --from SRC and --to DST (or --queries QUERIES.json)', topic: name };
      }
      const request = parseHttpOptions(via, method, repeated);
      if ('error' in request) return { ok: false, error: `trace: ${request.error}`, topic: name };
      return { ok: true, kind: 'run', command: { name, ...common, from, to, ...request } };
    }
    case 'matrix': {
      let port: number | string | undefined;
      if (values.port !== undefined) {
        port = parsePortArg(values.port);
        if (port === undefined) {
          return { ok: false, error: `--port must be a number from 1 to 65535 or a port name (got ${quote(values.port)})`, topic: name };
        }
      }
      let protocol: Protocol | undefined;
      if (values.protocol !== undefined) {
        protocol = PROTOCOLS.find((p) => p === values.protocol!.toUpperCase());
        if (protocol === undefined) {
          return { ok: false, error: `--protocol must be one of ${PROTOCOLS.join(', ')} (got ${quote(values.protocol)})`, topic: name };
        }
      }
      return {
        ok: true,
        kind: 'run',
        command: {
          name,
          ...common,
          ...(port !== undefined ? { port } : {}),
          ...(protocol !== undefined ? { protocol } : {}),
        },
      };
    }
    case 'check':
      return { ok: true, kind: 'run', command: { name, ...common } };
    case 'lint':
      return { ok: true, kind: 'run', command: { name, ...common } };
  }
}
