export * from './types.js';
export { JsonpTransport, type JsonpOptions } from './jsonp.js';
export { FetchTransport, type FetchOptions } from './fetch.js';
export { encodeParams, withQuery } from './query.js';
export { jsonpPollGate, pageLoaded } from './page-loaded.js';
export { notAnObjectError } from './guards.js';
