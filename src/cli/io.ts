/**
 * What every command shares: the output streams (so tests can run the command in-process),
 * the exit codes, and the guard that turns an engine throw into one line and exit code 2.
 */
import { readStdin } from './read-input';

/** 0 success, 1 a failed check (or lint errors), 2 bad usage or unreadable input. */
export type ExitCode = 0 | 1 | 2;

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads stdin, stopping once more than `maxBytes` came (then `undefined`). */
  readonly readStdin: (maxBytes: number) => Promise<string | undefined>;
  readonly version: string;
}

export function nodeIO(version: string): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: (maxBytes) => readStdin(maxBytes, process.stdin),
    version,
  };
}

/** An exception from inside the engine: a bug, reported in one line. */
export class EngineCrash extends Error {
  override readonly name = 'EngineCrash';
}

/** The first line of an error's message: never a stack trace. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

/** Runs an engine call, turning any throw into an `EngineCrash` (the engine must not throw on input). */
export function guardEngine<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new EngineCrash(`internal error in the engine (${what}): ${describeError(err)}`);
  }
}
