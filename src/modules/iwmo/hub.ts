import type { Db, Queryable } from '../../platform/db.ts';
import { parseHeader, parseXml } from './xml.ts';
import { sha256 } from './store.ts';
import type { Transport } from './transport.ts';

/**
 * The HTTP stand-in for the hub (GGk / VECOZO), behind the same Transport interface as the
 * directory (migration 301, docs/iwmo.md). A provider's system posts a message (it waits here, as a
 * file waits in the inbox, until it is read) and fetches the messages addressed to it (as files in
 * the outbox), numbered so that it asks for everything after the last number it has. A real
 * Digikoppeling adapter implements the same three functions against the GGk instead.
 */

export type HubMessage = { seq: number; name: string; content: string; createdAt: Date };

/** An AGB code is 8 digits; a municipality's CBS code 4. */
const isAgb = (code: string) => /^[0-9]{8}$/.test(code);

/**
 * The provider a message concerns: its receiver, or — for a retour (306, 308, 302), which keeps the
 * header of the message it answers — its sender. Null when the header cannot be read.
 */
export function providerOf(content: string): string | null {
  try {
    const h = parseHeader(parseXml(content).Header);
    const [sender, receiver] = [String(h.sender ?? ''), String(h.receiver ?? '')];
    return isAgb(sender) ? sender : isAgb(receiver) ? receiver : null;
  } catch {
    return null;
  }
}

export function hubTransport(db: Db): Transport {
  return {
    async send(name, content, tx) {
      const party = providerOf(content);
      if (!party) throw new Error(`hub: ${name} names no provider`);
      await (tx ?? db).query(
        `INSERT INTO iwmo_hub_messages (direction, party, name, content, content_sha256) VALUES ('to_provider', $1, $2, $3, $4)`,
        [party, name, content, sha256(content)]);
    },
    async receive() {
      return db.query<{ name: string; content: string }>(
        `SELECT name, content FROM iwmo_hub_messages WHERE direction = 'to_municipality' AND handled_at IS NULL ORDER BY seq`);
    },
    async done(name) {
      await db.query(`UPDATE iwmo_hub_messages SET handled_at = coalesce(handled_at, now()) WHERE name = $1 AND direction = 'to_municipality'`, [name]);
    },
  };
}

/**
 * A provider posts a message: it waits for the municipality under a name of its own. The same
 * content posted again is the same row (its name is returned; `posted` is false).
 */
export async function postToHub(tx: Queryable, party: string, content: string): Promise<{ name: string; posted: boolean }> {
  const [made] = await tx.query<{ name: string }>(
    `INSERT INTO iwmo_hub_messages (direction, party, name, content, content_sha256)
     VALUES ('to_municipality', $1, $2, $3, $4) ON CONFLICT (direction, content_sha256) DO NOTHING RETURNING name`,
    [party, `${party}-${sha256(content).slice(0, 24)}.xml`, content, sha256(content)]);
  if (made) return { name: made.name, posted: true };
  const [same] = await tx.query<{ name: string }>(`SELECT name FROM iwmo_hub_messages WHERE direction = 'to_municipality' AND content_sha256 = $1`, [sha256(content)]);
  return { name: same!.name, posted: false };
}

/** The messages waiting for one provider after `after` (a seq it has), oldest first. */
export const mailbox = (q: Queryable, party: string, after: number, limit: number) => q.query<HubMessage>(
  `SELECT seq::int AS seq, name, content, created_at AS "createdAt" FROM iwmo_hub_messages
   WHERE direction = 'to_provider' AND party = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [party, after, limit]);

/** One message for a provider, if it is theirs. */
export async function findInMailbox(q: Queryable, seq: number): Promise<(HubMessage & { party: string }) | null> {
  const [row] = await q.query<HubMessage & { party: string }>(
    `SELECT seq::int AS seq, name, content, party, created_at AS "createdAt" FROM iwmo_hub_messages WHERE direction = 'to_provider' AND seq = $1`, [seq]);
  return row ?? null;
}
