import { ProcessingActivity } from '../../platform/audit.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { insertRelatedPerson } from './related-persons.ts';
import type { ClientView, RelatedPerson } from './schemas.ts';
import { getClientRow } from './store.ts';

export type RelatedPersonView = ClientView['persons'][number];
type Row = { id: string; kind: RelatedPerson['kind']; role: string | null; name: string; birth_date: string | null; phone: string | null; email: string | null; related_client_id: string | null };
const COLS = 'id, kind, role, name, birth_date::text AS birth_date, phone, email, related_client_id';
const view = (p: Row): RelatedPersonView => ({ id: p.id, kind: p.kind, role: p.role, name: p.name, birthDate: p.birth_date, phone: p.phone, email: p.email, relatedClientId: p.related_client_id });

/**
 * Representatives (wettelijk vertegenwoordiger), informal carers (mantelzorger) and household
 * members (huisgenoot) of a client, one at a time, through the request's Store (need-to-know + audit).
 */
export function relatedPersonStore(store: Store) {
  const op = (action: string, details?: Record<string, unknown>) => ({ action, activity: ProcessingActivity.ClientRegistration, details });
  return {
    list: (clientId: string) => store.readClient(clientId, op('client_person.read'), async (tx) =>
      (await tx.query<Row>(`SELECT ${COLS} FROM client_persons WHERE client_id = $1 ORDER BY kind, created_at, id`, [clientId])).map(view)),

    add: (clientId: string, p: RelatedPerson, key?: string) => store.changeClient(clientId, op('client_person.create', { kind: p.kind }), (tx) =>
      once(tx, `${store.ctx.actor.id}:client_person.create:${clientId}`, key, p, async () => {
        if ((await getClientRow(tx, clientId)).merged_into) throw conflict('Dit dossier is samengevoegd; wijzig het overgebleven dossier / This record was merged', 'client_merged');
        const id = await insertRelatedPerson(tx, clientId, p);
        const [row] = await tx.query<Row>(`SELECT ${COLS} FROM client_persons WHERE id = $1`, [id]);
        return view(row!);
      })),

    remove: (clientId: string, personId: string) => store.changeClient(clientId, op('client_person.delete', { personId }), async (tx) => {
      const gone = await tx.query('DELETE FROM client_persons WHERE id = $1 AND client_id = $2 RETURNING id', [personId, clientId]);
      if (gone.length === 0) throw notFound('Persoon niet gevonden bij deze cliënt / Person not found with this client');
    }),
  };
}
