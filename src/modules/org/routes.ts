import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { IfMatchHeaders, updateVersioned, versionOf, withETag } from '../../platform/versioning.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { postcodeRoutes } from './postcode-routes.ts';
import { listAreas, listDistricts, listRegions, listTeams } from './store.ts';
import { DeskType, District, Named, Team, TeamKind } from './schemas.ts';

const TeamInput = z.object({
  name: z.string().trim().min(2).max(120),
  kind: TeamKind,
  deskType: DeskType.nullable().optional(),
  regionId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  /** Only for desks: the ages (inclusive) for which the city-desk route goes to this desk. Both or neither. */
  routeMinAge: z.number().int().min(0).max(130).nullable().optional(),
  routeMaxAge: z.number().int().min(0).max(130).nullable().optional(),
});
const DistrictInput = z.object({ name: z.string().trim().min(2).max(120), areaId: z.uuid(), teamId: z.uuid().nullable() });
const IdParams = z.object({ id: z.uuid() });
/** The answer to a change: the record's new version comes along (and in the ETag). */
const Changed = Named.extend({ version: z.number().int() });
type Changed = z.infer<typeof Changed>;

const uniqueName = (e: unknown, field: string) => {
  if ((e as { code?: string }).code === '23505') return conflict(`Deze naam bestaat al / This name already exists`, 'duplicate_name');
  if ((e as { code?: string }).code === '23503') return badRequest(`Onbekende verwijzing in '${field}' / Unknown reference`, field);
  return e;
};

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  r.get('/api/v1/areas', { config: { permission: 'org.read' }, schema: { tags, summary: 'Areas (gebieden)', response: { 200: z.array(Named) } } },
    async () => listAreas(app.db));
  r.get('/api/v1/regions', { config: { permission: 'org.read' }, schema: { tags, summary: 'Regions (rayons)', response: { 200: z.array(Named) } } },
    async () => listRegions(app.db));
  r.get('/api/v1/teams', { config: { permission: 'org.read' }, schema: { tags, summary: 'Neighbourhood teams and desks', response: { 200: z.array(Team) } } },
    async () => listTeams(app.db) as Promise<z.infer<typeof Team>[]>);

  const checkTeam = (b: z.infer<typeof TeamInput>) => {
    if (b.kind === 'desk' && !b.deskType) throw badRequest('Kies het soort loket / Choose the desk type', 'deskType');
    if (b.kind === 'neighbourhood_team' && !b.regionId) throw badRequest('Kies het rayon van het wijkteam / Choose the team\'s region', 'regionId');
    const min = b.routeMinAge ?? null;
    const max = b.routeMaxAge ?? null;
    if ((min === null) !== (max === null)) throw badRequest('Vul beide leeftijden in, of geen / Give both ages or neither', min === null ? 'routeMinAge' : 'routeMaxAge');
    if (min !== null && b.kind !== 'desk') throw badRequest('Alleen een loket heeft een leeftijdsgrens / Only a desk has an age band', 'routeMinAge');
    if (min !== null && max !== null && min > max) throw badRequest('De laagste leeftijd is hoger dan de hoogste / The lowest age is above the highest', 'routeMaxAge');
  };
  const ages = (b: z.infer<typeof TeamInput>) => (b.kind === 'desk' ? [b.routeMinAge ?? null, b.routeMaxAge ?? null] : [null, null]);
  r.post('/api/v1/teams', { config: { permission: 'org.write' }, schema: { tags, summary: 'Create a team or desk', body: TeamInput, response: { 201: Named } } },
    async (req, reply) => {
      const b = req.body;
      checkTeam(b);
      const row = await req.store.change({ action: 'team.create', activity: ProcessingActivity.Administration, details: { name: b.name } }, async (tx) =>
        (await tx.query<{ id: string; name: string }>(`INSERT INTO teams (name, kind, desk_type, region_id, route_min_age, route_max_age) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id, name`,
          [b.name, b.kind, b.kind === 'desk' ? b.deskType : null, b.regionId ?? null, ...ages(b)]))[0]!).catch((e) => { throw uniqueName(e, 'regionId'); });
      return reply.status(201).send(row);
    });
  r.put('/api/v1/teams/:id', { config: { permission: 'org.write' }, schema: { tags, summary: 'Change a team or desk; If-Match: the version it is based on',
    params: IdParams, headers: IfMatchHeaders, body: TeamInput, response: { 200: Changed } } },
    async (req, reply) => {
      const b = req.body;
      checkTeam(b);
      const version = versionOf(req);
      const row = await req.store.change({ action: 'team.update', activity: ProcessingActivity.Administration, details: { teamId: req.params.id, version } }, (tx) => updateVersioned(
        async () => (await tx.query<Changed>(`UPDATE teams SET name=$2, kind=$3, desk_type=$4, region_id=$5, active=coalesce($6, active),
          route_min_age=$8, route_max_age=$9, version = version + 1
          WHERE id=$1 AND version=$7 RETURNING id, name, version`,
          [req.params.id, b.name, b.kind, b.kind === 'desk' ? b.deskType : null, b.regionId ?? null, b.active ?? null, version, ...ages(b)]))[0],
        async () => (await listTeams(tx)).find((t) => t.id === req.params.id),
        () => notFound('Team niet gevonden / Team not found'))).catch((e) => { throw uniqueName(e, 'regionId'); });
      return withETag(reply, row);
    });

  r.get('/api/v1/districts', { config: { permission: 'org.read' }, schema: { tags, summary: 'Districts (wijken) with their team', response: { 200: z.array(District) } } },
    async () => listDistricts(app.db));
  r.post('/api/v1/districts', { config: { permission: 'org.write' }, schema: { tags, summary: 'Create a district', body: DistrictInput, response: { 201: Named } } },
    async (req, reply) => {
      const b = req.body;
      const row = await req.store.change({ action: 'district.create', activity: ProcessingActivity.Administration, details: { name: b.name } }, async (tx) =>
        (await tx.query<{ id: string; name: string }>('INSERT INTO districts (name, area_id, team_id) VALUES ($1,$2,$3) RETURNING id, name', [b.name, b.areaId, b.teamId]))[0]!)
        .catch((e) => { throw uniqueName(e, 'areaId'); });
      return reply.status(201).send(row);
    });
  r.put('/api/v1/districts/:id', { config: { permission: 'org.write' }, schema: { tags, summary: 'Change a district (e.g. its team); If-Match: the version it is based on',
    params: IdParams, headers: IfMatchHeaders, body: DistrictInput, response: { 200: Changed } } },
    async (req, reply) => {
      const b = req.body;
      const version = versionOf(req);
      const row = await req.store.change({ action: 'district.update', activity: ProcessingActivity.Administration, details: { districtId: req.params.id, teamId: b.teamId, version } }, (tx) => updateVersioned(
        async () => (await tx.query<Changed>('UPDATE districts SET name=$2, area_id=$3, team_id=$4, version = version + 1 WHERE id=$1 AND version=$5 RETURNING id, name, version',
          [req.params.id, b.name, b.areaId, b.teamId, version]))[0],
        async () => (await listDistricts(tx)).find((d) => d.id === req.params.id),
        () => notFound('Wijk niet gevonden / District not found')))
        .catch((e) => { throw uniqueName(e, 'teamId'); });
      return withETag(reply, row);
    });

  await app.register(postcodeRoutes);
}
