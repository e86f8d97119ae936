import { formatAddress, telHref, type AddressParts } from '../format.ts';
import { useT } from '../i18n.tsx';

/** A phone number as a tap-to-call link (on a phone it dials; on a desk phone app it hands over). */
export function PhoneLink({ phone }: { phone: string | null | undefined }) {
  if (!phone) return null;
  return <a className="utrecht-link" href={telHref(phone)}>{phone}</a>;
}

/** An e-mail address as a mailto link. */
export function EmailLink({ email }: { email: string | null | undefined }) {
  if (!email) return null;
  return <a className="utrecht-link" href={`mailto:${email}`}>{email}</a>;
}

/** An address written as the Dutch write it: "Zaagmolenkade 12, 3032 CD Rotterdam". */
export function AddressText({ address }: { address: AddressParts | null | undefined }) {
  const t = useT();
  if (!address) return null;
  return <>{formatAddress(address, t('labels.houseNumberWord'))}</>;
}
