// voip-softphone/node: what runs only in Node (docs/800ing-api.md §5 CRM handlers, the mock server).
export { startMockServer, type MockServer, type MockServerEvents } from './mock/server.js';
export type { MockServerOptions } from './mock/options.js';
export { MOCK_DEFAULTS } from './mock/options.js';
export { TEST_ACCOUNT, ADMIN_ACCOUNT, type AccountSpec, type AccountInfo, type BuiltInAccount } from './mock/accounts.js';
export type { RingOptions, SmsOptions, InjectOptions, KeysOptions, MockControl } from './mock/control-api.js';
export { MockCallState, CallDirection, type MockCallView } from './mock/calls.js';
export type { FaultSpec } from './mock/faults.js';
export type { RequestLogEntry, RequestFilter } from './mock/request-log.js';
export type { MockMessageEvent, AccountRef } from './mock/mock-state.js';
export type { PushLog, PushOutcome, PushListFilter, PushDetails, PushTimeField } from './mock/push-log.js';
export { CRM_DEFAULTS, CrmParam, type CrmOptions, type CrmSettings, type CrmAnswer } from './mock/crm-http.js';
export { RingRoute, type RoutedRing } from './mock/crm-navigation.js';
export { IvrBranch, type IvrInputOptions, type IvrResult, type IvrStep } from './mock/crm-ivr.js';
export { runMockCli } from './mock/cli.js';
export * from './mock-desktop.js';
export * from './handlers/index.js';
export * from './proxy/index.js';
