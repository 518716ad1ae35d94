/** Attribute converters the elements share. */

/** A boolean attribute that is on unless it says `false` or `off` (absent: the default applies). */
export function isOn(value: string | null): boolean {
  return value !== 'false' && value !== 'off';
}
