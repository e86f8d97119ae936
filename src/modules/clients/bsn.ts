/**
 * BSN (burgerservicenummer): 9 digits passing the elfproef:
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by 11 (and not all zeros).
 */
export function isValidBsn(input: string): boolean {
  if (!/^\d{9}$/.test(input)) return false;
  if (input === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(input[i]) * (9 - i);
  sum -= Number(input[8]);
  return sum % 11 === 0;
}

/** Shown in the UI: only the last four digits, e.g. `*****1234`. */
export const maskBsn = (bsn: string | null) => (bsn ? `*****${bsn.slice(-4)}` : null);
