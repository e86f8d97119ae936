/**
 * How Wegwijs writes addresses and phone numbers, the Dutch way. Dates, statuses and audit labels
 * are in `useFormat()` (i18n.tsx), which needs the current language.
 */
export { type AddressParts, displayPostcode, formatAddress } from '../../src/modules/clients/address-format.ts';

/** tel: link target: digits and a leading +, so a phone dials it ('010-123 45 67' → 'tel:0101234567'). */
export function telHref(phone: string): string {
  return `tel:${phone.trim().replace(/[^\d+]/g, '')}`;
}
