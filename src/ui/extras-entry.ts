/**
 * What the first pop does not need, loaded on first use through loadExtras() (./extras.ts): in
 * the script-tag build this module and what it imports become dist/voip-softphone.extras.iife.js;
 * in the ES build a bundler splits it off the dynamic import. Add a module here to move it out of
 * the main file (README, "What the script tag loads, and when"), and import it nowhere else on the
 * main path (types only); the controller that needs it reads loadedExtras() when it renders.
 */
// The console's data and views, the desktop client's sender and menu, the dock's moves, and the
// views shown after the first pop (kept in this order: the file's size depends on it by a few bytes).
export { seedRecentCalls } from '../console/seed.js';
export { colleaguesOf } from '../console/colleagues.js';
export { RecentCalls, recentCallsKey } from '../console/recent-calls.js';
export { LookupRunner } from '../console/lookup.js';
export { callAreaOf } from '../console/area.js';
export { renderRecentList } from '../element/views/recent-list.js';
export { DesktopClient } from '../desktop/sender.js';
export { renderDesktopMenu } from '../element/views/desktop-menu.js';
export { dockMoves } from '../element/placement/dock-moves.js';
export { renderEndedDetails } from '../element/views/ended-card.js';
export { renderTransferForm } from '../element/views/transfer-form.js';
