/**
 * The example's one import of voip-softphone.
 *
 * In the repository it takes the package's source, so the example and its test run with no build
 * and no install of their own. `'voip-softphone/node'` cannot be used here: this folder has its
 * own package.json, so Node and TypeScript look for the package in node_modules and never reach
 * the root package's self-reference. In your own project this file is:
 *
 *   export { createPushHandler, createNavigationHandler, createIvrHandler, createVoipProxy } from 'voip-softphone/node';
 *   export type { CallbackHandler, CallRecord, IvrQuery, IvrReply, NavigationQuery, Push } from 'voip-softphone/node';
 *   export const WIDGET_SCRIPT = createRequire(import.meta.url).resolve('voip-softphone/iife');
 */
export { createPushHandler, createNavigationHandler, createIvrHandler, createVoipProxy } from '../../../src/node/index.js';
export type { CallbackHandler, CallRecord, IvrQuery, IvrReply, NavigationQuery, Push } from '../../../src/node/index.js';

/** The widget's script file (`voip-softphone/iife`), served to the agent's page. */
export const WIDGET_SCRIPT = new URL('../../../dist/voip-softphone.iife.js', import.meta.url);
