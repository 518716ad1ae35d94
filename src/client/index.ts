export { VoipClient, AuthMode, requirePhone, type VoipClientOptions, type CallOptions, type WaterlineOptions, type CallRecordQuery } from './voip-client.js';
export { passwordDigest } from './credentials.js';
