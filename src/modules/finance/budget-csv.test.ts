import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAdjustments, parseBudgetLines, type Parsed, splitCsv } from './budget-csv.ts';

const problemsOf = <T>(p: Parsed<T>) => {
  assert.equal(p.ok, false, 'the file is refused');
  return p.ok ? [] : p.problems.map((x) => [x.line, x.field]);
};

test('a budget file with bad rows is refused as a whole, each bad row named by line and field', () => {
  const text = [
    'taakveld;kolom;regel;bedrag',
    'Wijkteams;Begroting 2021;Inhuur;3.120', // fine, but nothing is imported from a file with errors
    'Wijkteams;Begroting 2021;Inhuurr;10',
    'Wijkteams;Begrooting 2021;Personeel;10',
    'Wijkteams;Begroting 2021;Personeel;tien',
    'Wijkteams;Begroting 2021;Lasten exclusief reserves;100',
    ';Begroting 2021;Kapitaallasten;1',
    'Wijkteams;Begroting 2021;Inhuur;5',
    'Wijkteams;Begroting 2021;Kapitaallasten',
    'Wijkteams;Begroting 2021;Kapitaallasten;1.5',
  ].join('\n');
  assert.deepEqual(problemsOf(parseBudgetLines(text)), [
    [3, 'regel'], [4, 'kolom'], [5, 'bedrag'], [6, 'regel'], [7, 'taakveld'], [8, 'regel'], [9, 'row'], [10, 'bedrag']]);
  const p = parseBudgetLines(text);
  assert.ok(!p.ok);
  assert.match(p.problems.find((x) => x.line === 6)!.message, /computed/);
  assert.match(p.problems.find((x) => x.line === 8)!.message, /already on line 2/);
  assert.match(p.problems.find((x) => x.line === 10)!.message, /ambiguous/);
});

test('a budget file without the expected header is refused before any row is read', () => {
  assert.deepEqual(problemsOf(parseBudgetLines('taakveld;kolom;bedrag\nT;Begroting 2021;10')), [[1, 'regel']]);
  assert.deepEqual(problemsOf(parseBudgetLines('taakveld;kolom;regel;bedrag;bedrag_eur\n')), [[1, 'bedrag']]);
  assert.deepEqual(problemsOf(parseBudgetLines('')), [[0, 'header']]);
  assert.deepEqual(problemsOf(parseBudgetLines('taakveld;kolom;regel;bedrag\n')), [[0, 'file']]);
});

test('a budget file from a spreadsheet (BOM, CRLF, quotes, header in capitals, Dutch numbers) is read', () => {
  const text = '\uFEFFTaakveld;Kolom;Regel;Bedrag\r\n"Wijkteams; Wmo";Raming 2022;Overige  apparaatslasten;"1.440"\r\n"Wijkteams; Wmo";raming 2022;PERSONEEL;−51.888,4\r\n';
  const p = parseBudgetLines(text);
  assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
  assert.deepEqual(p.rows.map((r) => [r.taskField, r.column, r.line, r.amountCents]), [
    ['Wijkteams; Wmo', 'Raming 2022', 'otherApparatus', 144_000_000], ['Wijkteams; Wmo', 'Raming 2022', 'staff', -5_188_840_000]]);
});

test('a quoted field over two lines keeps the line numbers of the rows after it right', () => {
  assert.deepEqual(splitCsv('a;b\n"x\ny";1\nz;2').map((r) => r.line), [1, 2, 4]);
});

test('an adjustments file with bad rows is refused, each bad row named by line and field', () => {
  const text = [
    'taakveld;document;omschrijving;categorie;jaar;bedrag',
    'T;Voorjaarsnota 2021;Begroting 2021;Begroting;2021;-112.870',
    'T;Voorjaarsnota 2021;Loonindexatie;Ramingsbijstelling;2021;-770',
    'T;Voorjaarsnota 2021;Loonindexatie;Ramingsbijstellingen onvermijdelijk;21;-770',
    'T;;Inkoop;Intensiveringen;2021;-1.500',
    'T;Voorjaarsnota 2021;;Intensiveringen;2021;-1.500',
    'T;Voorjaarsnota 2021;Begroting 2021;begroting;2021;1',
  ].join('\n');
  assert.deepEqual(problemsOf(parseAdjustments(text)), [[3, 'categorie'], [4, 'jaar'], [5, 'document'], [6, 'omschrijving'], [7, 'omschrijving']]);
});

test('adjustments in euros are kept to the cent', () => {
  const p = parseAdjustments('taakveld;document;omschrijving;categorie;jaar;bedrag_eur\nT;D;Huur;Technische wijzigingen;2022;-1.234,56');
  assert.ok(p.ok);
  assert.deepEqual(p.rows.map((r) => [r.category, r.year, r.amountCents]), [['Technische wijzigingen', 2022, -123_456]]);
});
