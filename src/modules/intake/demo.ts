import type { RequestContext } from '../../platform/access/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { findUserIdByUsername } from '../../platform/auth/users.ts';
import { discardQueuedJobs } from '../../platform/jobs.ts';
import { insertClient } from '../clients/store.ts';
import { findTeamByName } from '../org/store.ts';
import { REFERRAL_STATUS_CHANGED } from '../referrals/referral-store.ts';
import type { ClientInput } from '../clients/schemas.ts';
import { insertContact } from './contact-store.ts';
import type { ContactInput } from './schemas.ts';

const client = (c: Partial<ClientInput> & { surname: string }): ClientInput =>
  ({ nameUsage: 'E', gender: '0', noFixedAddress: false, communicationNeeds: [], persons: [], ...c });
const contact = (c: Partial<ContactInput> & Pick<ContactInput, 'channel' | 'question' | 'outcome'>): ContactInput =>
  ({ lifeDomains: [], urgency: 'normal', duplicateAcknowledged: false, ...c });

/**
 * Demo front door: clients registered by Bea Balie at VraagWijzer Centrum, with open referrals in
 * Wijkteam Oude Noorden and Wijkteam Charlois, a Wmo notification and an anonymous question.
 * BSNs are test numbers (elfproef-valid), never real people.
 */
export async function seedDemoFrontDoor(tx: Queryable) {
  const balieId = await findUserIdByUsername(tx, 'balie');
  const desk = await findTeamByName(tx, 'VraagWijzer Centrum');
  if (!balieId || !desk) return;
  const balie = { id: balieId };
  const ctx: RequestContext = { actor: { kind: 'user', id: balie.id, name: 'Bea Balie', roles: ['desk_worker'], teamIds: [desk.id] } };
  const involved = { userId: balie.id, teamId: desk.id, reason: 'contact' };
  const days = (n: number) => new Date(Date.now() - n * 864e5).toISOString();

  const koster = await insertClient(tx, client({ bsn: '999990044', firstNames: 'Ria', surname: 'Koster', birthDate: '1947-09-14', gender: '2',
    address: { postcode: '3032 AB', houseNumber: 14, city: 'Rotterdam' }, phone: '010-4445566',
    persons: [{ kind: 'informal_carer', role: 'zoon', name: 'Peter Koster', phone: '06-20304050' }] }), involved);
  await insertContact(tx, ctx, contact({ channel: 'phone', question: 'Mijn moeder vergeet te eten en komt de deur niet meer uit', lifeDomains: ['ageing', 'mental_health'],
    outcome: 2, contactedAt: days(3) }), koster, desk);

  const yilmaz = await insertClient(tx, client({ bsn: '999990056', firstNames: 'Mehmet', surname: 'Yılmaz', birthDate: '1958-02-03', gender: '1',
    address: { postcode: '3083 BC', houseNumber: 22, city: 'Rotterdam' }, preferredLanguage: 'tr', communicationNeeds: ['interpreter'] }), involved);
  await insertContact(tx, ctx, contact({ channel: 'desk', question: 'Ik krijg aanmaningen en durf de post niet meer open te maken', lifeDomains: ['finances_debts'],
    urgency: 'urgent', outcome: 2, contactedAt: days(1) }), yilmaz, desk);

  const willems = await insertClient(tx, client({ bsn: '999990068', firstNames: 'Sandra', surname: 'Willems', birthDate: '1981-11-30', gender: '2',
    address: { postcode: '3035 CD', houseNumber: 5, houseNumberAddition: 'A', city: 'Rotterdam' } }), involved);
  await insertContact(tx, ctx, contact({ channel: 'phone', question: 'Ik zit sinds mijn ongeluk in een rolstoel en kan niet meer douchen', lifeDomains: ['disability'],
    outcome: 3, contactedAt: days(10) }), willems, desk);

  const boukhari = await insertClient(tx, client({ firstNames: 'Karim', surname: 'Boukhari', birthDate: '1990-06-01', gender: '1', noFixedAddress: true,
    contactPoint: 'Nachtopvang Pauluskerk, Mauritsweg' }), involved);
  await insertContact(tx, ctx, contact({ channel: 'desk', question: 'Ik slaap sinds twee weken bij vrienden en moet daar weg', lifeDomains: ['housing'],
    urgency: 'urgent', outcome: 5, contactedAt: days(2) }), boukhari, desk);

  await insertContact(tx, ctx, contact({ channel: 'phone', question: 'Waar is een inloop voor schuldhulp in het centrum?', outcome: 1,
    generalProvision: 'Schuldhulp-inloop Huis van de Wijk', contactedAt: days(1) }), null, desk);
  // Demo history is not news: nobody waits for status messages about it, so the seed leaves no jobs queued.
  await discardQueuedJobs(tx, REFERRAL_STATUS_CHANGED);
}
