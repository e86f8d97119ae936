import type { Queryable } from '../../platform/db.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { maskBsn } from './bsn.ts';
import type { ClientInput, ClientView } from './schemas.ts';

type ClientRow = { id: string; bsn: string | null; first_names: string | null; surname_prefix: string | null; surname: string; birth_date: string | null; gender: '0' | '1' | '2' | '9' };

export const toClientView = (r: ClientRow): ClientView => ({
  id: r.id, bsnMasked: maskBsn(r.bsn), firstNames: r.first_names, surnamePrefix: r.surname_prefix, surname: r.surname,
  birthDate: r.birth_date, gender: r.gender,
});

async function getRow(tx: Queryable, id: string): Promise<ClientRow> {
  const [row] = await tx.query<ClientRow>('SELECT id, bsn, first_names, surname_prefix, surname, birth_date::text AS birth_date, gender FROM clients WHERE id = $1', [id]);
  if (!row) throw notFound('Cliënt niet gevonden / Client not found');
  return row;
}

/** Client data, only ever through the request's Store (access check + audit). */
export function clientStore(store: Store) {
  return {
    async get(id: string): Promise<ClientView> {
      return toClientView(await store.withClient(id, { action: 'client.read', activity: ProcessingActivity.ClientRegistration }, (tx) => getRow(tx, id)));
    },

    /** The unmasked BSN: an explicit, separately logged action. */
    async revealBsn(id: string): Promise<string | null> {
      return (await store.withClient(id, { action: 'client.bsn_reveal', activity: ProcessingActivity.ClientRegistration }, (tx) => getRow(tx, id))).bsn;
    },

    /** Registers a client; the registering user and their teams become involved (need-to-know). */
    async create(input: ClientInput, teamId: string | null): Promise<ClientView> {
      const actor = store.ctx.actor;
      return store.withAudit((v: ClientView) => ({ action: 'client.create', activity: ProcessingActivity.ClientRegistration, clientId: v.id }), async (tx) => {
        const rows = await tx.query<ClientRow>(
          `INSERT INTO clients (bsn, first_names, surname_prefix, surname, birth_date, gender) VALUES ($1,$2,$3,$4,$5,$6)
           ON CONFLICT (bsn) WHERE bsn IS NOT NULL DO NOTHING
           RETURNING id, bsn, first_names, surname_prefix, surname, birth_date::text AS birth_date, gender`,
          [input.bsn ?? null, input.firstNames ?? null, input.surnamePrefix ?? null, input.surname, input.birthDate ?? null, input.gender]);
        const row = rows[0];
        if (!row) throw conflict('Er is al een cliënt met dit BSN / A client with this BSN already exists', 'duplicate_bsn');
        await tx.query(`INSERT INTO client_relations (client_id, user_id, team_id, reason) VALUES ($1, $2, $3, 'registered')`, [row.id, actor.id, teamId]);
        return toClientView(row);
      });
    },

    async breakGlass(id: string, reason: string, hours = 4): Promise<{ id: string; expiresAt: Date }> {
      await getRow(store.db, id);
      const actor = store.ctx.actor;
      const row = await store.withAudit(
        (bg: { id: string }) => ({ action: 'client.break_glass', activity: ProcessingActivity.ClientRegistration, clientId: id, breakGlassId: bg.id, details: { hours } }),
        async (tx) => (await tx.query<{ id: string; expires_at: Date }>(
          `INSERT INTO break_glass (user_id, client_id, reason, expires_at) VALUES ($1,$2,$3, now() + make_interval(hours => $4)) RETURNING id, expires_at`,
          [actor.id, id, reason, hours]))[0]!);
      return { id: row.id, expiresAt: row.expires_at };
    },
  };
}
