/**
 * FNV-1a (32 bit): a stable string hash, so the same text gives the same addresses and the
 * same endpoint choice in the browser, the CLI and CI (no randomness in the engine).
 *
 * @example hashString('10.0.0.1') === hashString('10.0.0.1') // true
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
