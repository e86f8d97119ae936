import { readFileSync } from 'node:fs';
import { MESSAGE_NUMBERS, type MessageNumber, messageName } from './codes.ts';
import { exampleMessage } from './examples.ts';
import { describeProblem, readMessage } from './messages.ts';

export const IWMO_HELP = `  iwmo example <${MESSAGE_NUMBERS.join('|')}> [--jeugd]
                             print a valid iWmo 3.2 example message from the demo data (--jeugd: the iJw one)
  iwmo validate <file.xml>   validate an iWmo / iJw 3.2 message: exit code 0 when valid, else 1 with each error`;

type Out = { log: (s: string) => void; error: (s: string) => void };

/** `wegwijs iwmo …`: needs no database. Returns the exit code. */
export function runIwmoCommand(args: string[], opts: { jeugd: boolean }, out: Out = console): number {
  const [sub, arg] = args;
  if (sub === 'example') {
    if (!MESSAGE_NUMBERS.includes(arg as MessageNumber)) {
      out.error(`Usage: wegwijs iwmo example <${MESSAGE_NUMBERS.join('|')}> [--jeugd]`);
      return 2;
    }
    out.log(exampleMessage(arg as MessageNumber, opts.jeugd ? 'ijw' : 'iwmo').trimEnd());
    return 0;
  }
  if (sub === 'validate') {
    if (!arg) {
      out.error('Usage: wegwijs iwmo validate <file.xml>');
      return 2;
    }
    let xml: string;
    try {
      xml = readFileSync(arg, 'utf8');
    } catch (e) {
      out.error(`${arg}: cannot read the file (${(e as Error).message})`);
      return 1;
    }
    const r = readMessage(xml);
    const name = r.standard && r.n ? messageName(r.standard, r.n) : 'message';
    if (r.ok) {
      out.log(`${arg}: valid ${name} (${r.standard === 'iwmo' ? 'iWmo' : 'iJw'} 3.2)`);
      return 0;
    }
    out.error(`${arg}: invalid ${name}, ${r.problems.length} error${r.problems.length === 1 ? '' : 's'}:`);
    for (const p of r.problems) out.error(`  ${describeProblem(p)}`);
    return 1;
  }
  out.error(`Usage:\n${IWMO_HELP}`);
  return 2;
}
