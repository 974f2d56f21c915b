import type { InputFile, ParseResult } from '../types';

// PLACEHOLDER owned by the manifest helper: replaced by the real parser.
export function parseManifests(_files: readonly InputFile[]): ParseResult {
  return { documents: [], diagnostics: [] };
}
