/**
 * A model type with its fields writable, for objects built field by field: optional keys
 * assigned in place keep the key order a literal with spreads would give, without a spread
 * per object (the readers and the cluster build thousands per analysis).
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
