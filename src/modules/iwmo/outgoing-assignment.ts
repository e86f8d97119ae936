import type { Store } from '../../platform/store.ts';
import { unprocessable } from '../../platform/errors.ts';
import { getClientRow } from '../clients/store.ts';
import { getProvider } from '../indications/catalogue-store.ts';
import { indicationsAtProvider } from '../indications/delivery-store.ts';
import { IndicationChangeKind, lastChanges } from '../indications/indication-store.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { EENHEID, FREQUENTIE, RedenWijziging, type Standard, messageName } from './codes.ts';
import { type AssignedProduct, type ClientPerson, changeReason } from './assignment.ts';
import { composeMessage } from './messages.ts';
import { assignmentNumberFor, findAssignment, nextIdentification, rememberSent, type StoredMessage } from './store.ts';
import { ruleContext, storeAndSend } from './exchange.ts';
import type { Transport } from './transport.ts';

/**
 * The WMO301 of one client at one provider from Wegwijs' indications: always the full current
 * set (every indication at that provider running on or after `today`), each with its lasting
 * ToewijzingNummer; a version that differs from the one last sent carries its RedenWijziging,
 * an unchanged one is sent again exactly as before. An assignment that ended (shortened into the
 * past, replaced by a new product, volume or provider) or was withdrawn is sent once more with its
 * final end date and reason, and then no longer. Numbered, sealed (XSD + rules), stored and
 * handed to the transport in one transaction with its audit row, through the caller's Store
 * (need-to-know on the client: a Wmo adviser involved, or the system).
 */
export async function sendAssignments(store: Store, transport: Transport,
  input: { clientId: string; providerId: string; municipality: string; today: string; time: string; standard?: Standard }): Promise<StoredMessage> {
  const standard = input.standard ?? 'iwmo';
  const op = { action: 'iwmo.message.send', activity: standard === 'iwmo' ? ProcessingActivity.WmoAccess : ProcessingActivity.YouthCare,
    details: { message: messageName(standard, '301'), providerId: input.providerId } };
  return store.changeClient(input.clientId, op, async (tx) => {
    const provider = await getProvider(tx, input.providerId);
    const c = await getClientRow(tx, input.clientId);
    if (!c.bsn) throw unprocessable('Deze cliënt heeft geen BSN; een toewijzing kan niet worden verzonden / The client has no BSN', 'clientId', 'client_without_bsn');
    if (!c.birth_date) throw unprocessable('Deze cliënt heeft geen geboortedatum / The client has no birth date', 'clientId', 'client_without_birth_date');
    const indications = [];
    for (const i of await indicationsAtProvider(tx, input.clientId, input.providerId)) {
      if (standard === 'iwmo' ? i.category !== 'WMO' : i.category !== 'JZ') continue;
      const running = !i.withdrawn && i.validTo >= input.today;
      const sent = (await findAssignment(tx, i.id))?.lastSent;
      const untold = !!sent && (sent.to !== i.validTo || (i.withdrawn && sent.changeReason !== RedenWijziging.Verwijderd));
      if (running || untold) indications.push(i);
    }
    if (!indications.length) throw unprocessable('Geen lopende indicaties bij deze aanbieder / No current indications at this provider', 'providerId', 'no_current_indications');
    const changes = await lastChanges(tx, indications.map((i) => i.id));
    const products: AssignedProduct[] = [];
    for (const i of indications) {
      const { number, lastSent } = await assignmentNumberFor(tx, i.id);
      const frequency = FREQUENTIE[i.frequency as keyof typeof FREQUENTIE];
      if (!frequency) throw unprocessable(`Product ${i.productCode} heeft een frequentie zonder iWmo-code (${i.frequency}) / frequency has no iWmo code`, 'providerId', 'frequency_not_in_iwmo');
      const next: AssignedProduct = {
        number, category: i.productCode.slice(0, 2), productCode: i.productCode, assignedOn: input.today, assignedAt: input.time,
        from: i.validFrom, to: i.validTo, scope: { volume: i.volume, unit: EENHEID[i.unit as keyof typeof EENHEID], frequency },
      };
      const change = changeReason(lastSent ?? undefined, next,
        { withdrawn: i.withdrawn, providerChanged: changes.get(i.id) === IndicationChangeKind.ProviderChanged });
      if ('problem' in change) throw unprocessable(change.problem, 'providerId', 'assignment_change_not_allowed');
      const unchanged = lastSent && lastSent.to === next.to && change.reason === lastSent.changeReason;
      products.push(unchanged ? lastSent : { ...next, changeReason: change.reason });
    }
    const content = composeMessage('301', {
      standard,
      header: { sender: input.municipality, receiver: provider.agbCode, id: await nextIdentification(tx), date: input.today },
      client: clientPerson(c),
      products,
    }, { ...(await ruleContext(tx)), expectedAssignments: products.map((p) => p.number) });
    const sealed = { standard, n: '301' as const, content, clientId: input.clientId };
    const row = await storeAndSend(tx, transport, sealed);
    for (const p of products) await rememberSent(tx, p.number, p);
    return row;
  });
}

/** The client as a 301 names them, from the client record. */
function clientPerson(c: Awaited<ReturnType<typeof getClientRow>>): ClientPerson {
  const initials = (c.first_names ?? '').normalize('NFD').replace(/[^A-Za-z\s-]/g, '').split(/[\s-]+/).filter(Boolean).map((n) => n[0]!.toUpperCase()).join('').slice(0, 6);
  return {
    bsn: c.bsn!, birthDate: c.birth_date!, gender: c.gender === '9' ? '0' : c.gender,
    lastName: c.surname, prefix: c.surname_prefix ?? undefined, initials: initials || undefined,
    address: c.postcode && c.house_number && c.city ? {
      street: c.street?.slice(0, 24) ?? undefined, houseNumber: String(c.house_number), houseNumberAddition: c.house_number_addition?.slice(0, 4) ?? undefined,
      postcode: c.postcode.replace(/\s/g, '').toUpperCase(), city: c.city.slice(0, 80),
    } : undefined,
  };
}
