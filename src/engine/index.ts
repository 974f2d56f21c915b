export * from './types';
export * from './refs';
export { simulate, traceQueries } from './simulate';
export { createParseCache, type ParseCache } from './manifest/parse';
