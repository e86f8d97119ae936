/**
 * A care provider, simulated (issue 18): reads the WMO301 messages in an outbox directory and
 * answers each with a WMO302 (all 0200), a WMO305 start on the first day of each assignment, and
 * a WMO323 claim for the first month at the given tariffs, written to the inbox Wegwijs reads —
 * or, with --hub, fetches them from the hub endpoint and posts the answers there.
 * Used by the tests (as functions) and in the demo:
 *   node_modules/.bin/node scripts/iwmo-provider-simulator.ts <transport-dir> [--tariff 01A01=3150 …]
 *   node_modules/.bin/node scripts/iwmo-provider-simulator.ts --hub http://localhost:8080 --client-id … --client-secret … [--after 12]
 * Every message it writes is built and sealed by the same code as Wegwijs' own (src/modules/iwmo).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RetourCode, StatusAanlevering } from '../src/modules/iwmo/codes.ts';
import { type AssignmentMessage, buildAssignmentRetour, parseAssignment } from '../src/modules/iwmo/assignment.ts';
import { composeMessage, sealOutgoing } from '../src/modules/iwmo/messages.ts';

const short = (m: AssignmentMessage) => ({ bsn: m.client.bsn, birthDate: m.client.birthDate, gender: m.client.gender, lastName: m.client.lastName, prefix: m.client.prefix, initials: m.client.initials });
const provider = (m: AssignmentMessage) => ({ sender: m.header.receiver, receiver: m.header.sender });

/** The 302 answering a 301: everything accepted. */
export function answer301(xml: string, retourId: string, date: string): string {
  const m = parseAssignment(xml, 'iwmo');
  const codes = { header: [RetourCode.Geen], client: [RetourCode.Geen], products: Object.fromEntries(m.products.map((p) => [p.number, [RetourCode.Geen]])) };
  return sealOutgoing('302', m.standard, buildAssignmentRetour(m, { id: retourId, date }, codes));
}

/** A 305: delivery of every assignment in the 301 starts on `start` (default: its first day). */
export function start305(xml: string, id: string, date: string, start?: string): string {
  const m = parseAssignment(xml, 'iwmo');
  return composeMessage('305', { standard: m.standard, header: { ...provider(m), id, date }, client: short(m), products: m.products.map((p) => ({
    number: p.number, assignmentFrom: p.from, category: p.category, productCode: p.productCode, start: start ?? p.from, status: StatusAanlevering.Eerste,
  })) });
}

/** A 307: delivery of one assignment stops on `end` for `reason` (WMO588). */
export function stop307(xml: string, number: string, id: string, date: string, r: { start: string; end: string; reason: string }): string {
  const m = parseAssignment(xml, 'iwmo');
  const p = m.products.find((x) => x.number === number)!;
  return composeMessage('307', { standard: m.standard, header: { ...provider(m), id, date }, client: short(m), products: [{
    number, assignmentFrom: p.from, category: p.category, productCode: p.productCode, start: r.start, reason: r.reason, end: r.end, status: StatusAanlevering.Eerste,
  }] });
}

/** A 323 claiming `units` of each assignment over `period` at `tariffs` (eurocents per unit, by product code). */
export function claim323(xml: string, id: string, date: string, period: { from: string; to: string }, units: number, tariffs: Record<string, number>): string {
  const m = parseAssignment(xml, 'iwmo');
  const performances = m.products.map((p, i) => ({
    reference: `${id}-${i + 1}`, number: p.number, category: p.category, productCode: p.productCode, period, volume: units, unit: p.scope!.unit,
    tariff: tariffs[p.productCode], amount: units * (tariffs[p.productCode] ?? 0), debitCredit: 'D' as const,
  }));
  return composeMessage('323', {
    standard: m.standard, header: { ...provider(m), id, date }, number: `D${id}`, period, signedOn: date,
    total: performances.reduce((s, p) => s + p.amount, 0), totalDebitCredit: 'D', clients: [{ bsn: m.client.bsn, performances }],
  });
}

/** The provider's answers on one 301: a 302, a 305 and (with tariffs) a 323 for the first month, by name. */
export function answersTo301(xml: string, id: string, today: string, tariffs: Record<string, number>): [string, string][] {
  const first = parseAssignment(xml, 'iwmo').products[0]!;
  const monthEnd = new Date(Date.UTC(Number(first.from.slice(0, 4)), Number(first.from.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const out: [string, string][] = [[`WMO302-R${id}.xml`, answer301(xml, `R${id}`, today)], [`WMO305-S${id}.xml`, start305(xml, `S${id}`, today)]];
  if (Object.keys(tariffs).length) out.push([`WMO323-D${id}.xml`, claim323(xml, `D${id}`, today, { from: first.from, to: monthEnd }, 4, tariffs)]);
  return out;
}

/**
 * Against the hub endpoint (WEGWIJS_IWMO_TRANSPORT=hub, docs/iwmo.md): logs in with the provider's
 * API client (client credentials), fetches its messages after `after`, answers each 301 by posting.
 */
export async function viaHub(base: string, clientId: string, secret: string, after: number, today: string, tariffs: Record<string, number>): Promise<{ name: string; status: number; state?: string }[]> {
  const token = await fetch(new URL('/oauth/token', base), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }) });
  if (!token.ok) throw new Error(`token: ${token.status} ${await token.text()}`);
  const auth = { authorization: `Bearer ${(await token.json() as { access_token: string }).access_token}` };
  const res = await fetch(new URL(`/api/v1/iwmo/hub/messages?after=${after}`, base), { headers: auth });
  if (!res.ok) throw new Error(`fetch: ${res.status} ${await res.text()}`);
  let last = after;
  const results: { name: string; status: number; state?: string }[] = [];
  for (const m of await res.json() as { seq: number; name: string; content: string }[]) {
    last = m.seq;
    if (!m.name.startsWith('WMO301-')) { console.log(`${m.seq} ${m.name}`); continue; }
    for (const [name, xml] of answersTo301(m.content, String(m.seq), today, tariffs)) {
      const posted = await fetch(new URL('/api/v1/iwmo/hub/messages', base), { method: 'POST', headers: { ...auth, 'content-type': 'application/xml' }, body: xml });
      const state = (await posted.json() as { status?: string }).status;
      results.push({ name, status: posted.status, state });
      console.log(`${m.seq} ${m.name}: ${name} → ${posted.status} ${state ?? ''}`);
    }
  }
  console.log(`next time: --after ${last}`);
  return results;
}

if (import.meta.main) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: {
    tariff: { type: 'string', multiple: true, default: [] }, hub: { type: 'string' }, 'client-id': { type: 'string' }, 'client-secret': { type: 'string' },
    after: { type: 'string', default: '0' },
  } });
  const tariffs = Object.fromEntries(values.tariff.map((t) => t.split('=')).map(([c, v]) => [c!, Number(v)]));
  const today = new Date().toISOString().slice(0, 10);
  if (values.hub) {
    if (!values['client-id'] || !values['client-secret']) throw new Error('--hub needs --client-id and --client-secret (a provider API client, docs/iwmo.md)');
    await viaHub(values.hub, values['client-id'], values['client-secret'], Number(values.after), today, tariffs);
  } else {
    const dir = positionals[0];
    if (!dir) throw new Error('Usage: scripts/iwmo-provider-simulator.ts <transport-dir> | --hub <url> --client-id ID --client-secret S [--after SEQ] [--tariff CODE=EUROCENTS …]');
    for (const name of readdirSync(join(dir, 'outbox')).filter((n) => n.startsWith('WMO301-'))) {
      const id = name.replace(/\.xml$/, '').split('-').pop()!;
      const answers = answersTo301(readFileSync(join(dir, 'outbox', name), 'utf8'), id, today, tariffs);
      for (const [file, xml] of answers) writeFileSync(join(dir, 'inbox', file), xml);
      console.log(`${name}: answered with ${answers.map(([f]) => f.slice(3, 6)).join(', ')}`);
    }
  }
}
