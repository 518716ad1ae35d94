/**
 * Masking of phone numbers for an agent whose `disablePhoneNum` is 1 (docs/800ing-api.md §3): the card, the
 * recent-calls list and what is stored for it all mask the same way. Masking a masked number
 * changes nothing, so stored (masked) and live (plain) numbers can be compared masked.
 */

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length >= 8) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length >= 3) return `${phone.slice(0, 1)}${'*'.repeat(phone.length - 2)}${phone.slice(-1)}`;
  return '*'.repeat(phone.length);
}
