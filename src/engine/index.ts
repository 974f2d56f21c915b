export * from './types';
export * from './refs';
export { simulate, traceQueries } from './simulate';
