/**
 * The example's one import of voip-softphone, by its package name: the folder installs the
 * package itself (`npm install` here), so this file reads the same in a copy in your project.
 */
import { createRequire } from 'node:module';

export { createPushHandler, createNavigationHandler, createIvrHandler, createVoipProxy } from 'voip-softphone/node';
export type { CallbackHandler, CallRecord, IvrQuery, IvrReply, NavigationQuery, Push } from 'voip-softphone/node';

/** The widget's script file (`voip-softphone/iife`), served to the agent's page. */
export const WIDGET_SCRIPT = createRequire(import.meta.url).resolve('voip-softphone/iife');
