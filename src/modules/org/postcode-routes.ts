import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { IfMatchHeaders, updateVersioned, versionOf, withETag } from '../../platform/versioning.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { describeRange, findOverlaps, formatPostcode, normalisePostcode, parsePostcodeCsv } from './postcode.ts';
import { deleteAllPostcodeRanges, deletePostcodeRange, insertPostcodeRange, listPostcodeRanges, lockPostcodeRanges, type StoredRange, updatePostcodeRange } from './postcode-store.ts';
import { listDistricts, lookupPostcode } from './store.ts';
import { PostcodeImport, PostcodeLookup, PostcodeRange } from './schemas.ts';

const IdParams = z.object({ id: z.uuid() });
const RangeInput = z.object({ from: z.string().max(10), to: z.string().max(10), districtId: z.uuid() });
const shown = (r: StoredRange) => ({ ...r, from: formatPostcode(r.from), to: formatPostcode(r.to) });

/** A candidate range: `line` for one from a CSV file, `id` for one already stored. */
type Candidate = { from: string; to: string; districtName: string; line?: number; id?: string };

/**
 * Refuses ranges that share a postcode: a postcode must lead to exactly one district (and so one
 * team). Only pairs that involve a new or changed range are reported; both ranges are named.
 */
function refuseOverlaps(all: Candidate[], isNew: (c: Candidate) => boolean) {
  const pairs = findOverlaps(all).filter(([a, b]) => isNew(a) || isNew(b));
  if (!pairs.length) return;
  const errors = pairs.map(([a, b]) => {
    const [mine, other] = isNew(b) ? [b, a] : [a, b];
    const [nl, en] = other.line ? [`regel ${other.line}: `, `line ${other.line}: `] : ['', ''];
    return { line: mine.line ?? other.line ?? 0, nl: `${describeRange(mine)} overlapt met ${nl}${describeRange(other)}`, en: `${describeRange(mine)} overlaps ${en}${describeRange(other)}` };
  }).sort((a, b) => a.line - b.line);
  const first = errors[0]!;
  const [lineNl, lineEn] = first.line ? [`Regel ${first.line}: `, `Line ${first.line}: `] : ['', ''];
  throw new AppError('postcode_range_overlap', 409,
    `${lineNl}${first.nl}. Een postcode hoort bij één wijk; niets gewijzigd / ${lineEn}${first.en}. A postcode belongs to one district; nothing changed.`,
    first.line ? `line ${first.line}` : 'from', { errors: errors.map((e) => ({ line: e.line, message: `${e.nl} / ${e.en}` })) });
}

/** Postcode ranges → district: the list, the CSV import, one range changed or removed, and the lookup. */
export async function postcodeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  r.get('/api/v1/postcode-ranges', { config: { permission: 'org.read' }, schema: { tags, summary: 'Postcode ranges per district', response: { 200: z.array(PostcodeRange) } } },
    async () => (await listPostcodeRanges(app.db)).map(shown));

  r.post('/api/v1/postcode-ranges/imports', {
    config: { permission: 'org.write' },
    schema: {
      tags,
      summary: 'Import postcode ranges from CSV (header: van;tot;wijk); all or nothing. Adds by default; '
        + 'replace removes every range first and needs confirm=true (dryRun=true shows what would go)',
      querystring: z.object({
        mode: z.enum(['append', 'replace']).default('append'),
        dryRun: z.enum(['true', 'false']).default('false'),
        confirm: z.enum(['true', 'false']).default('false'),
      }),
      body: z.string().min(1).max(2_000_000),
      response: { 200: PostcodeImport },
    },
  }, async (req) => {
    const { mode } = req.query;
    const dryRun = req.query.dryRun === 'true';
    const confirm = req.query.confirm === 'true';
    const { rows, errors } = parsePostcodeCsv(req.body);
    const districts = new Map((await listDistricts(app.db)).map((d) => [d.name.toLowerCase(), d]));
    for (const row of rows) {
      if (!districts.has(row.district.toLowerCase())) errors.push({ line: row.line, message: `onbekende wijk '${row.district}' / unknown district` });
    }
    if (errors.length) {
      errors.sort((a, b) => a.line - b.line);
      throw new AppError('csv_invalid', 400, `Regel ${errors[0]!.line}: ${errors[0]!.message}. Niets ingelezen / nothing imported.`, `line ${errors[0]!.line}`, { errors });
    }
    if (rows.length === 0) throw badRequest('Het bestand bevat geen postcodereeksen / The file holds no ranges', 'body');
    const incoming = rows.map((row) => { const d = districts.get(row.district.toLowerCase())!; return { ...row, districtId: d.id, districtName: d.name }; });

    // Checks and writes in one transaction, behind the ranges' lock: what the admin confirmed is what goes.
    const work = async (tx: Parameters<typeof listPostcodeRanges>[0]) => {
      await lockPostcodeRanges(tx);
      const existing = await listPostcodeRanges(tx);
      const kept = mode === 'replace' ? [] : existing;
      refuseOverlaps([...kept, ...incoming], (c) => c.line !== undefined);
      const removed = mode === 'replace' ? existing : [];
      if (dryRun) return removed;
      if (mode === 'replace' && !confirm) {
        throw conflict(`Vervangen verwijdert alle ${existing.length} bestaande postcodereeksen; bevestig eerst / Replacing removes all ${existing.length} existing ranges; confirm first`,
          'replace_unconfirmed', { removed: removed.map(shown) });
      }
      if (mode === 'replace') await deleteAllPostcodeRanges(tx);
      for (const row of incoming) await insertPostcodeRange(tx, row);
      return removed;
    };
    const removed = dryRun
      ? await app.db.transaction(work)
      : await req.store.change({ action: 'postcode_ranges.import', activity: ProcessingActivity.Administration, details: { count: rows.length, mode } }, work,
        (gone: StoredRange[]) => ({ details: { count: rows.length, mode, removed: gone.length } }));
    return { imported: dryRun ? 0 : rows.length, mode, dryRun, removed: removed.map(shown) };
  });

  r.put('/api/v1/postcode-ranges/:id', {
    config: { permission: 'org.write' },
    schema: { tags, summary: 'Change one postcode range (refused when it would overlap another); If-Match: the version it is based on',
      params: IdParams, headers: IfMatchHeaders, body: RangeInput, response: { 200: PostcodeRange } },
  }, async (req, reply) => {
    const version = versionOf(req);
    const from = normalisePostcode(req.body.from);
    const to = normalisePostcode(req.body.to);
    if (!from) throw badRequest('Ongeldige postcode; gebruik 1234 AB / Invalid postcode; use 1234 AB', 'from');
    if (!to) throw badRequest('Ongeldige postcode; gebruik 1234 AB / Invalid postcode; use 1234 AB', 'to');
    if (from > to) throw badRequest(`De reeks begint na het einde: ${formatPostcode(from)} ligt na ${formatPostcode(to)} / The range starts after its end`, 'to');
    const id = req.params.id;
    const changed = await req.store.change({ action: 'postcode_range.update', activity: ProcessingActivity.Administration, details: { rangeId: id, from, to, districtId: req.body.districtId } }, async (tx) => {
      await lockPostcodeRanges(tx);
      const district = (await listDistricts(tx)).find((d) => d.id === req.body.districtId);
      if (!district) throw badRequest('Onbekende wijk / Unknown district', 'districtId');
      const others = (await listPostcodeRanges(tx)).filter((x) => x.id !== id);
      refuseOverlaps([...others, { id, from, to, districtName: district.name }], (c) => c.id === id);
      return updateVersioned(
        async () => {
          const next = await updatePostcodeRange(tx, id, { from, to, districtId: district.id }, version);
          return next === undefined ? undefined : { id, from, to, districtId: district.id, districtName: district.name, version: next };
        },
        async () => {
          const now = (await listPostcodeRanges(tx)).find((x) => x.id === id);
          return now && shown(now);
        },
        () => notFound('Postcodereeks niet gevonden / Postcode range not found'));
    });
    return withETag(reply, shown(changed));
  });

  r.delete('/api/v1/postcode-ranges/:id', {
    config: { permission: 'org.write' },
    schema: { tags, summary: 'Remove one postcode range', params: IdParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await req.store.change({ action: 'postcode_range.delete', activity: ProcessingActivity.Administration, details: { rangeId: req.params.id } }, async (tx) => {
      if (!(await deletePostcodeRange(tx, req.params.id))) throw notFound('Postcodereeks niet gevonden / Postcode range not found');
    });
    return reply.status(204).send(null);
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
