/**
 * voip-softphone: `import 'voip-softphone'` registers `<voip-softphone>`; the named exports are the
 * element class, the framework-free client, the session, and the protocol types.
 */
import './element/define.js';

export { VoipSoftphone, type CrmOpen, type TransportName } from './element/voip-softphone.js';
export { TAG_NAME } from './element/define.js';
export type { CallWithInfo } from './element/controllers/caller-info.js';
export type { Contact, LookupHook } from './console/lookup.js';
export type { RecentCall } from './console/recent-calls.js';
export type { VoipEventDetails, VoipEventName, VoipEvent } from './element/events.js';
export * from './protocol/index.js';
export * from './client/index.js';
export * from './session/index.js';
export { JsonpTransport, FetchTransport, type Transport, type Params, type RequestOptions } from './transport/index.js';
