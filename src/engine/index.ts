export * from './types';
export * from './refs';
export { simulate, traceQueries } from './simulate';
export { createParseCache, type ParseCache } from './manifest/parse';
export { CNI_PLUGINS, CNI_PLUGIN_NAMES, cniPlugin, type CniPluginInfo, type CniOverlay } from './cni-plugins';
