export { VoipClient, AuthMode, requirePhone, type VoipClientOptions, type CallOptions, type WaterlineOptions, type CallRecordQuery } from './voip-client.js';
export { passwordDigest } from './credentials.js';
// The transport a Node program (or a test) hands VoipClient, e.g. a fetch that carries a session cookie.
export { FetchTransport } from '../transport/fetch.js';
