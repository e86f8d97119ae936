/**
 * Building and validating WMO301 messages (issue 18: 10,000 in under 5 s). Each message is a
 * different client (own BSN passing the elfproef, own numbers) with two assignments; each is
 * built, checked against its XSD with libxml2 and against the business rules (elfproef, known
 * products, dates, the complete set) exactly as an outgoing 301 is (composeMessage). Usage:
 *   node_modules/.bin/node bench/iwmo-301.ts [--count 10000] [--jeugd]
 * Needs no database. Prints a Markdown table row for docs/performance.md.
 */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { composeMessage } from '../src/modules/iwmo/messages.ts';
import { demoAssignment, demoRuleContext } from '../src/modules/iwmo/examples.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, jeugd: { type: 'boolean' } } });
const COUNT = Number(values.count);
const standard = values.jeugd ? 'ijw' : 'iwmo';

/** The i-th nine-digit number passing the elfproef, from 100000000 up. */
function bsnFrom(start: number): [string, number] {
  for (let n = start; ; n++) {
    const s = String(n);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(s[i]) * (9 - i);
    if ((sum - Number(s[8])) % 11 === 0) return [s, n + 1];
  }
}

const ctx = demoRuleContext(standard);
const base = demoAssignment(standard);
const inputs = [];
let next = 100_000_000;
for (let i = 0; i < COUNT; i++) {
  const [bsn, after] = bsnFrom(next);
  next = after;
  const first = 2 * i + 1;
  const m = demoAssignment(standard, String(i + 1), first);
  inputs.push({ m: { ...m, client: { ...base.client, bsn } }, expected: m.products.map((p) => p.number) });
}

composeMessage('301', inputs[0]!.m, { ...ctx, expectedAssignments: inputs[0]!.expected }); // compile the schema once, outside the clock
const t0 = performance.now();
let bytes = 0;
for (const { m, expected } of inputs) bytes += composeMessage('301', m, { ...ctx, expectedAssignments: expected }).length;
const ms = performance.now() - t0;

console.log(`| ${standard === 'iwmo' ? 'WMO301' : 'JW301'} | ${COUNT} | ${(ms / 1000).toFixed(2)} s | ${Math.round(COUNT / (ms / 1000))} /s | ${(ms / COUNT).toFixed(3)} ms | ${(bytes / COUNT / 1024).toFixed(1)} KiB | ${cpus()[0]?.model.trim()} |`);
if (ms > 5000) process.exitCode = 1;
