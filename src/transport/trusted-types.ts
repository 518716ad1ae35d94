/**
 * Trusted Types (a CSP with `require-trusted-types-for 'script'`): such a page refuses a plain
 * string as a script URL, so the JSONP `<script src>` needs a TrustedScriptURL. The policy
 * `voip-softphone` passes through URLs that this package built itself from the configured server
 * (never server text). A page that lists allowed policies (`trusted-types …`) must name it; where
 * it may not be created, the plain string is used and the browser's own rule decides.
 */

/** The policy name a CRM's `trusted-types` directive has to allow. */
export const TRUSTED_TYPES_POLICY = 'voip-softphone';

interface TrustedTypesPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): TrustedTypesPolicy;
}

let policy: TrustedTypesPolicy | null | undefined;

/** `url` as a TrustedScriptURL where the browser has Trusted Types, else as it is. */
export function trustedScriptUrl(url: string): string {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
    try {
      policy = factory ? factory.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: (value) => value }) : null;
    } catch {
      policy = null; // the page's policy list does not allow ours
    }
  }
  // A TrustedScriptURL stands in for the string wherever the DOM takes a script URL.
  return policy ? (policy.createScriptURL(url) as string) : url;
}
