/**
 * The example's one import of voip-softphone, by its package name: the folder installs the
 * package itself (`npm install` here), so this file reads the same in a copy in your project.
 */
export { createPushHandler, createNavigationHandler, createIvrHandler } from 'voip-softphone/node';
export type { CallbackHandler, CallRecord, IvrQuery, IvrReply, NavigationQuery, Push } from 'voip-softphone/node';
