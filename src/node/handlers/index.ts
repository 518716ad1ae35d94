// The CRM-side callbacks the 800ing server calls (docs/800ing-api.md §5).
export { createPushHandler, type PushListener } from './push.js';
export { createNavigationHandler, type NavigationQuery, type NavigationRoute } from './navigation.js';
export { createIvrHandler, type IvrQuery, type IvrAnswer } from './ivr.js';
export { DEFAULT_TIMEOUT_MS, type CallbackHandler, type HandlerOptions } from './handler.js';
export { DEFAULT_MAX_QUERY_BYTES, DEFAULT_READ_TIMEOUT_MS } from './query.js';
export { callbackServerOptions } from './server-options.js';
export type { CallbackAnswer } from './respond.js';
export type { Push, IvrReply, CallRecord } from '../../protocol/index.js';
