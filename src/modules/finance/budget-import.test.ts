import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { build, loginAs } from '../../../test/helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/finance/${name}`, import.meta.url), 'utf8');
const csv = (headers: object) => ({ ...headers, 'content-type': 'text/csv' });
const TASK_FIELD = 'Wijkteams en Wmo-loketten';
// The demo holds the Begroting 2021 already (src/modules/finance/demo.ts); the tests import the same figures as another document.
const DOCUMENT = 'Voorjaarsnota 2021';
const adjustmentsFile = () => fixture('wijkteams-2021-adjustments.csv').replaceAll(';Begroting 2021;', `;${DOCUMENT};`);
const overviewUrl = (format = '') => `/api/v1/budget-overview${format}?taskField=${encodeURIComponent(TASK_FIELD)}&document=${encodeURIComponent(DOCUMENT)}`;

test('finance imports the 2021 budget and its adjustments and reads them back as the council document prints them', async (t) => {
  const app = await build(t);
  const finance = await loginAs(app, 'financien');
  const lines = await app.inject({ method: 'POST', url: `/api/v1/budget-lines/imports?document=${encodeURIComponent(DOCUMENT)}`, headers: csv(finance),
    payload: fixture('wijkteams-2021-lines.csv') });
  assert.equal(lines.statusCode, 200, lines.body);
  assert.deepEqual(lines.json(), { imported: 72, removed: 0, budgets: [{ taskField: TASK_FIELD, document: DOCUMENT }] });
  const adjustments = await app.inject({ method: 'POST', url: '/api/v1/budget-adjustments/imports', headers: csv(finance),
    payload: adjustmentsFile() });
  assert.equal(adjustments.statusCode, 200, adjustments.body);
  assert.deepEqual(adjustments.json(), { imported: 24, removed: 0, budgets: [{ taskField: TASK_FIELD, document: DOCUMENT }] });

  const view = await app.inject({ method: 'GET', url: overviewUrl(), headers: finance });
  assert.equal(view.statusCode, 200, view.body);
  const { overview, adjustments: table } = view.json();
  assert.equal(overview.rows.length, 21);
  assert.deepEqual(overview.rows[3], { label: 'Lasten exclusief reserves', values: [101820, 113271, 115080, 110710, 109481, 109488] });
  assert.deepEqual(table.rows.at(-1), { label: 'Begroting na wijzigingen', category: null, values: [-112870, -108499, -107271, -107278] });
  assert.deepEqual(table.reconciliation.map((r: { status: string }) => r.status), ['ok', 'ok', 'ok', 'ok']);

  const list = await app.inject({ method: 'GET', url: '/api/v1/budget-documents', headers: finance });
  assert.deepEqual(list.json(), [
    { taskField: TASK_FIELD, document: 'Begroting 2021', lines: 72, adjustments: 24 }, { taskField: TASK_FIELD, document: DOCUMENT, lines: 72, adjustments: 24 }]);

  const download = await app.inject({ method: 'GET', url: overviewUrl('.csv'), headers: finance });
  assert.equal(download.statusCode, 200);
  assert.match(download.headers['content-type'] as string, /^text\/csv/);
  assert.match(download.body, /\nSaldo;-98289;-108314;-112869;-108499;-107270;-107277\n/);

  const [audit] = await app.db.query<{ details: { count: number; removed: number; document: string } }>(
    `SELECT details FROM audit_log WHERE action = 'budget_lines.import' AND outcome = 'success'`);
  assert.deepEqual([audit!.details.document, audit!.details.count, audit!.details.removed], [DOCUMENT, 72, 0]);
});

test('importing a corrected file again replaces the document\'s lines instead of adding to them', async (t) => {
  const app = await build(t);
  const finance = await loginAs(app, 'financien');
  const url = `/api/v1/budget-lines/imports?document=${encodeURIComponent(DOCUMENT)}`;
  await app.inject({ method: 'POST', url, headers: csv(finance), payload: fixture('wijkteams-2021-lines.csv') });
  const again = await app.inject({ method: 'POST', url, headers: csv(finance),
    payload: `taakveld;kolom;regel;bedrag\n${TASK_FIELD};Begroting 2021;Personeel;50.000\n` });
  assert.deepEqual([again.json().imported, again.json().removed], [1, 72]);
  const rows = (await app.inject({ method: 'GET', url: overviewUrl(), headers: finance })).json().overview.rows;
  assert.deepEqual(rows.at(-1), { label: 'Saldo', values: [-50000] });
});

test('a file with a bad row is refused as a whole, naming the line and the field', async (t) => {
  const app = await build(t);
  const finance = await loginAs(app, 'financien');
  const bad = `${fixture('wijkteams-2021-lines.csv')}${TASK_FIELD};Begroting 2021;Saldo;-112.870\n`;
  const res = await app.inject({ method: 'POST', url: `/api/v1/budget-lines/imports?document=${encodeURIComponent(DOCUMENT)}`, headers: csv(finance), payload: bad });
  assert.equal(res.statusCode, 400);
  assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
  assert.deepEqual([res.json().code, res.json().line, res.json().field], ['csv_invalid', 74, 'regel']);
  assert.match(res.json().detail, /^Regel 74, kolom 'regel': 'Saldo' wordt berekend .*Niets ingelezen\. \/ Line 74, field 'regel': 'Saldo' is computed/);
  const after = await app.inject({ method: 'GET', url: overviewUrl(), headers: finance });
  assert.deepEqual([after.statusCode, after.json().code], [404, 'not_found'], 'nothing was imported');
  const badAdjustment = await app.inject({ method: 'POST', url: '/api/v1/budget-adjustments/imports', headers: csv(finance),
    payload: 'taakveld;document;omschrijving;categorie;jaar;bedrag\nT;D;Begroting;Begroting;2021;-1\nT;D;Iets;Bezuiniging;2021;5\n' });
  assert.deepEqual([badAdjustment.statusCode, badAdjustment.json().code, badAdjustment.json().line, badAdjustment.json().field], [400, 'csv_invalid', 3, 'categorie']);
});

test('only finance imports and reads the budget; a desk worker is refused by role', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: `/api/v1/budget-lines/imports?document=X`, headers: csv(desk), payload: fixture('wijkteams-2021-lines.csv') });
  assert.deepEqual([res.statusCode, res.json().code], [403, 'role_forbidden']);
  const read = await app.inject({ method: 'GET', url: overviewUrl(), headers: desk });
  assert.deepEqual([read.statusCode, read.json().code], [403, 'role_forbidden']);
});

test('the demo shows the Begroting 2021 of Wijkteams en Wmo-loketten, reconciled with its adjustments', async (t) => {
  const app = await build(t);
  const finance = await loginAs(app, 'financien');
  const res = await app.inject({ method: 'GET', url: `/api/v1/budget-overview?taskField=${encodeURIComponent(TASK_FIELD)}&document=Begroting%202021`, headers: finance });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json().overview.rows.at(-1), { label: 'Saldo', values: [-98289, -108314, -112869, -108499, -107270, -107277] });
  assert.deepEqual(res.json().adjustments.reconciliation.map((r: { status: string }) => r.status), ['ok', 'ok', 'ok', 'ok']);
});

/** The entries of a ZIP with stored entries (what xlsx.ts writes), each checked against its CRC-32. */
function unzipStored(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
    assert.equal(zip.readUInt16LE(at + 8), 0, 'stored');
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
    const data = zip.subarray(start, start + size);
    assert.equal(crc32(data), zip.readUInt32LE(at + 14), 'CRC-32');
    files.set(zip.subarray(at + 30, at + 30 + nameLength).toString('utf8'), data.toString('utf8'));
    at = start + size;
  }
  return files;
}

test('the overview and adjustments download as an Excel workbook with one sheet per table', async (t) => {
  const app = await build(t);
  const finance = await loginAs(app, 'financien');
  const res = await app.inject({ method: 'GET', url: `/api/v1/budget-overview.xlsx?taskField=${encodeURIComponent(TASK_FIELD)}&document=Begroting%202021`, headers: finance });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const files = unzipStored(res.rawPayload);
  assert.match(files.get('xl/workbook.xml')!, /<sheet name="Overzicht" sheetId="1" r:id="rId1"\/><sheet name="Bijstellingen" sheetId="2" r:id="rId2"\/>/);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'row' || name === 'c' });
  type Cell = { '@_r': string; v?: number; is?: { t: string | { '#text'?: string } } };
  const sheet = (n: number) => (parser.parse(files.get(`xl/worksheets/sheet${n}.xml`)!).worksheet.sheetData.row as { c: Cell[] }[])
    .map((row) => row.c.map((c) => (c.v !== undefined ? c.v : typeof c.is!.t === 'string' ? c.is!.t : (c.is!.t['#text'] ?? ''))));
  const overview = sheet(1);
  assert.deepEqual(overview[0], ['Overzicht van baten en lasten Wijkteams en Wmo-loketten (× €1.000)', 'Realisatie 2019', 'Begroting 2020', 'Begroting 2021',
    'Raming 2022', 'Raming 2023', 'Raming 2024']);
  assert.deepEqual(overview.at(-1), ['Saldo', -98289, -108314, -112869, -108499, -107270, -107277]);
  assert.equal(overview.length, 22);
  assert.deepEqual(sheet(2).at(-1), ['Begroting na wijzigingen', '', -112870, -108499, -107271, -107278]);
});

test('the same file imported twice at the same moment leaves one copy of its lines', async (t) => {
  const app = await build(t);
  const finance = await loginAs(app, 'financien');
  const send = () => app.inject({ method: 'POST', url: `/api/v1/budget-lines/imports?document=${encodeURIComponent(DOCUMENT)}`, headers: csv(finance),
    payload: fixture('wijkteams-2021-lines.csv') });
  const both = await Promise.all([send(), send()]);
  assert.deepEqual(both.map((r) => r.statusCode), [200, 200]);
  assert.deepEqual(both.map((r) => r.json().removed).sort(), [0, 72], 'one after the other: the second replaced the first');
  const list = (await app.inject({ method: 'GET', url: '/api/v1/budget-documents', headers: finance })).json();
  assert.deepEqual(list.find((d: { document: string }) => d.document === DOCUMENT), { taskField: TASK_FIELD, document: DOCUMENT, lines: 72, adjustments: 0 });
});
