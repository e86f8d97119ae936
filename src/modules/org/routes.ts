import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { formatPostcode, normalisePostcode, parsePostcodeCsv } from './postcode.ts';
import { listAreas, listDistricts, listRegions, listTeams, lookupPostcode } from './store.ts';
import { DeskType, District, Named, PostcodeImport, PostcodeLookup, PostcodeRange, Team, TeamKind } from './schemas.ts';

const TeamInput = z.object({
  name: z.string().trim().min(2).max(120),
  kind: TeamKind,
  deskType: DeskType.nullable().optional(),
  regionId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
const DistrictInput = z.object({ name: z.string().trim().min(2).max(120), areaId: z.uuid(), teamId: z.uuid().nullable() });
const IdParams = z.object({ id: z.uuid() });

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
  };
  r.post('/api/v1/teams', { config: { permission: 'org.write' }, schema: { tags, summary: 'Create a team or desk', body: TeamInput, response: { 201: Named } } },
    async (req, reply) => {
      const b = req.body;
      checkTeam(b);
      const row = await req.store.change({ action: 'team.create', activity: ProcessingActivity.Administration, details: { name: b.name } }, async (tx) =>
        (await tx.query<{ id: string; name: string }>(`INSERT INTO teams (name, kind, desk_type, region_id) VALUES ($1,$2,$3,$4) RETURNING id, name`,
          [b.name, b.kind, b.kind === 'desk' ? b.deskType : null, b.regionId ?? null]))[0]!).catch((e) => { throw uniqueName(e, 'regionId'); });
      return reply.status(201).send(row);
    });
  r.put('/api/v1/teams/:id', { config: { permission: 'org.write' }, schema: { tags, summary: 'Change a team or desk', params: IdParams, body: TeamInput, response: { 200: Named } } },
    async (req) => {
      const b = req.body;
      checkTeam(b);
      const row = await req.store.change({ action: 'team.update', activity: ProcessingActivity.Administration, details: { teamId: req.params.id } }, async (tx) =>
        (await tx.query<{ id: string; name: string }>(`UPDATE teams SET name=$2, kind=$3, desk_type=$4, region_id=$5, active=coalesce($6, active) WHERE id=$1 RETURNING id, name`,
          [req.params.id, b.name, b.kind, b.kind === 'desk' ? b.deskType : null, b.regionId ?? null, b.active ?? null]))[0]).catch((e) => { throw uniqueName(e, 'regionId'); });
      if (!row) throw notFound('Team niet gevonden / Team not found');
      return row;
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
  r.put('/api/v1/districts/:id', { config: { permission: 'org.write' }, schema: { tags, summary: 'Change a district (e.g. its team)', params: IdParams, body: DistrictInput, response: { 200: Named } } },
    async (req) => {
      const b = req.body;
      const row = await req.store.change({ action: 'district.update', activity: ProcessingActivity.Administration, details: { districtId: req.params.id, teamId: b.teamId } }, async (tx) =>
        (await tx.query<{ id: string; name: string }>('UPDATE districts SET name=$2, area_id=$3, team_id=$4 WHERE id=$1 RETURNING id, name', [req.params.id, b.name, b.areaId, b.teamId]))[0])
        .catch((e) => { throw uniqueName(e, 'teamId'); });
      if (!row) throw notFound('Wijk niet gevonden / District not found');
      return row;
    });

  r.get('/api/v1/postcode-ranges', { config: { permission: 'org.read' }, schema: { tags, summary: 'Postcode ranges per district', response: { 200: z.array(PostcodeRange) } } },
    async () => (await app.db.query<{ id: string; from: string; to: string; districtId: string; districtName: string }>(
      `SELECT p.id, p.from_postcode AS "from", p.to_postcode AS "to", p.district_id AS "districtId", d.name AS "districtName"
       FROM postcode_ranges p JOIN districts d ON d.id = p.district_id ORDER BY p.from_postcode`))
      .map((p) => ({ ...p, from: formatPostcode(p.from), to: formatPostcode(p.to) })));

  r.post('/api/v1/postcode-ranges/imports', {
    config: { permission: 'org.write' },
    schema: {
      tags, summary: 'Import postcode ranges from CSV (header: from,to,district); all or nothing',
      querystring: z.object({ mode: z.enum(['replace', 'append']).default('replace') }),
      body: z.string().min(1).max(2_000_000),
      response: { 200: PostcodeImport },
    },
  }, async (req) => {
    const { rows, errors } = parsePostcodeCsv(req.body);
    const districts = new Map((await listDistricts(app.db)).map((d) => [d.name.toLowerCase(), d.id]));
    for (const row of rows) {
      if (!districts.has(row.district.toLowerCase())) errors.push({ line: row.line, message: `onbekende wijk '${row.district}' / unknown district` });
    }
    if (errors.length) {
      errors.sort((a, b) => a.line - b.line);
      throw new AppError('csv_invalid', 400, `Regel ${errors[0]!.line}: ${errors[0]!.message}. Niets geïmporteerd / nothing imported.`, `line ${errors[0]!.line}`, { errors });
    }
    if (rows.length === 0) throw badRequest('Het bestand bevat geen postcodereeksen / The file holds no ranges', 'body');
    const mode = req.query.mode;
    await req.store.change({ action: 'postcode_ranges.import', activity: ProcessingActivity.Administration, details: { count: rows.length, mode } }, async (tx) => {
      if (mode === 'replace') await tx.query('DELETE FROM postcode_ranges');
      for (const row of rows) {
        await tx.query('INSERT INTO postcode_ranges (from_postcode, to_postcode, district_id) VALUES ($1,$2,$3)', [row.from, row.to, districts.get(row.district.toLowerCase())]);
      }
    });
    return { imported: rows.length, mode };
  });

  r.get('/api/v1/postcode-lookups/:postcode', {
    config: { permission: 'org.read' },
    schema: { tags, summary: 'Which district and team serve a postcode', params: z.object({ postcode: z.string().max(10) }),
      response: { 200: PostcodeLookup } },
  }, async (req) => {
    const pc = normalisePostcode(req.params.postcode);
    if (!pc) throw badRequest('Ongeldige postcode; gebruik 1234 AB / Invalid postcode; use 1234 AB', 'postcode');
    const hit = await lookupPostcode(app.db, pc);
    if (!hit) throw notFound(`Postcode ${formatPostcode(pc)} valt in geen bekende wijk / is in no known district`, 'postcode_unknown');
    return { postcode: formatPostcode(pc), ...hit };
  });
}
