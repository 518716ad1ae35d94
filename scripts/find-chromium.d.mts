// Types of find-chromium.mjs (plain JS so the configs and scripts can load it without a compiler).

/** Flags for every Chromium we launch (quiet on a closed network, no GPU, no sound). */
export declare const CHROMIUM_ARGS: readonly string[];
/** Where Debian's (and Google's) packages put the browser. */
export declare const SYSTEM_CHROMIUM_PATHS: readonly string[];
/**
 * The path of a Chromium executable: $CHROME_PATH, Playwright's own Chromium, then the system
 * paths; with `install`, runs apt-get when there is none. Throws an Error saying what to do.
 */
export declare function findChromium(options?: { install?: boolean }): string;
