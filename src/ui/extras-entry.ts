/**
 * What the first pop does not need, loaded on first use through loadExtras() (./extras.ts): in
 * the script-tag build this module and what it imports become dist/voip-softphone.extras.iife.js;
 * in the ES build a bundler splits it off the dynamic import. Add a module here to move it out of
 * the main file (see README, "Size").
 */
export { seedRecentCalls } from '../console/seed.js';
export { colleaguesOf } from '../console/colleagues.js';
