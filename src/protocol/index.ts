export * from './codes.js';
export * from './errors.js';
export * from './methods.js';
export * from './types.js';
export { parseLiteral, parseContent, LiteralSyntaxError, type Literal } from './content.js';
export { toVoipMessage, toCallRecord, toRawMessages, toCallId } from './normalize.js';
export { COMPANY_PREFIX_LENGTH, sameAgentNumber } from './agent-number.js';
