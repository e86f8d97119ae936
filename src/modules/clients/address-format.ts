/**
 * An address as the Dutch write it: "Zaagmolenkade 12a, 3032 CD Rotterdam" (street and number,
 * then postcode and city). Pure; the server's search hits and the UI's pages use the same words.
 */
export type AddressParts = {
  street?: string | null; houseNumber: number | string; houseNumberAddition?: string | null;
  postcode: string; city?: string | null;
};

/** '3032CD' or '3032 cd' → '3032 CD'; anything else unchanged. */
export function displayPostcode(pc: string): string {
  const m = /^\s*(\d{4})\s*([A-Za-z]{2})\s*$/.exec(pc);
  return m ? `${m[1]} ${m[2]!.toUpperCase()}` : pc;
}

/**
 * Without a street name (none recorded) the number keeps a word before it so it still reads as
 * one: "huisnummer 12, 3032 CD". A numeric addition gets a dash (12-2), a letter none (12a).
 */
export function formatAddress(a: AddressParts, numberWord = 'huisnummer'): string {
  const addition = a.houseNumberAddition ? (/^\d/.test(a.houseNumberAddition) ? `-${a.houseNumberAddition}` : a.houseNumberAddition) : '';
  const number = `${a.houseNumber}${addition}`;
  const first = a.street ? `${a.street} ${number}` : `${numberWord} ${number}`;
  const second = [displayPostcode(a.postcode), a.city ?? ''].filter(Boolean).join(' ');
  return `${first}, ${second}`;
}
