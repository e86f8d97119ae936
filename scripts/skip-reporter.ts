/**
 * A node:test reporter, used by scripts/test.ts next to the normal one: one line per test that
 * was skipped or marked todo (a todo test may fail without failing the run), so CI can refuse them.
 */
import { relative } from 'node:path';
import type { TestEvent } from 'node:test/reporters';

export default async function* skipReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const e of source) {
    if (e.type !== 'test:pass' && e.type !== 'test:fail') continue;
    const why = e.data.skip !== undefined ? 'skip' : e.data.todo !== undefined ? 'todo' : null;
    if (!why) continue;
    const reason = typeof (e.data.skip ?? e.data.todo) === 'string' ? `: ${e.data.skip ?? e.data.todo}` : '';
    yield `${e.data.file ? relative(process.cwd(), e.data.file) : '?'} › ${e.data.name} (${why}${reason})\n`;
  }
}
