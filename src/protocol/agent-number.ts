/**
 * An agent's numbers (docs/800ing-api.md §7.1): getExtension's `extension` is the login number, a
 * company prefix of 6 characters followed by the short extension (`100008800` = `100008` + `800`);
 * other answers (loadmonitor rows, call records) may name the agent by the short extension alone.
 */

/** The length of the company prefix of a login number. */
export const COMPANY_PREFIX_LENGTH = 6;

/** True when `a` and `b` name the same agent: equal, or one is the other's login number. */
export function sameAgentNumber(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.length === COMPANY_PREFIX_LENGTH + short.length && long.endsWith(short);
}
