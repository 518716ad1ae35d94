/**
 * How loadExtras() gets the extras module: a plain dynamic import, which bundlers (and the ES
 * build in dist/) split into a chunk of its own. The script-tag build swaps this module for
 * ./extras-script.ts (vite.config.ts), because an IIFE cannot import.
 */
export const importExtras = (): Promise<typeof import('./extras-entry.js')> => import('./extras-entry.js');
