/**
 * importExtras() of the script-tag build (vite.config.ts puts it in place of ./extras-import.ts):
 * inserts dist/voip-softphone.extras.iife.js, from the directory the main script was loaded from,
 * after handing it the modules it shares with this file. Under a nonce + 'strict-dynamic' CSP a
 * script inserted by a trusted one runs; it carries the main script's nonce as well, for CSPs
 * that list nonces only. Trusted Types and a page's declared servers allow exactly this URL.
 */
import { allowScriptUrl, trustedScriptUrl } from '../transport/trusted-types.js';
import type { importExtras as importModule } from './extras-import.js';
import { EXTRAS_FILE, EXTRAS_GLOBAL } from './extras-paths.js';
import { sharedModules } from './extras-shared.js';

type Extras = Awaited<ReturnType<typeof importModule>>;

/** Read while the main script runs: afterwards document.currentScript is another script or null. */
const main = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);
const extrasUrl = main?.src ? new URL(EXTRAS_FILE, main.src).href : undefined;
if (extrasUrl) allowScriptUrl(extrasUrl);

export function importExtras(): Promise<Extras> {
  return new Promise((resolve, reject) => {
    // The main file's bindings for the extras file, which adds its exports as `extras`.
    const registry: typeof sharedModules & { extras?: Extras } = sharedModules;
    (globalThis as Record<string, unknown>)[EXTRAS_GLOBAL] = registry;
    const script = document.createElement('script');
    const settle = (): void => {
      script.remove();
      if (registry.extras) resolve(registry.extras);
      else reject(new Error(`${extrasUrl ?? EXTRAS_FILE} could not be loaded`));
    };
    script.onload = script.onerror = settle;
    if (!extrasUrl) return settle(); // not loaded from a <script src>: nowhere to look
    script.src = trustedScriptUrl(extrasUrl);
    if (main?.nonce) script.nonce = main.nonce;
    document.head.append(script);
  });
}
