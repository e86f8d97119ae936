import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.ts';

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL anywhere in a request used to end in a
 * 500 at the first INSERT. No legitimate text contains one: refuse it with 400 before any
 * handler runs, for every route (staff API, FHIR, OAuth). Issue 14 item 11; docs/security.md.
 */
export function nulPath(value: unknown): string | null {
  // Iterative: a deeply nested body must not overflow the stack here.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return at.replaceAll('\u0000', '\\u0000');
        stack.push([child, at]);
      }
    }
  }
  return null;
}

export function registerNulGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const v of [req.params, req.query, req.body]) {
      const at = nulPath(v);
      if (at !== null) throw badRequest('Tekst bevat een NUL-teken (\\u0000) / Text contains a NUL character (\\u0000)', at, 'nul_character');
    }
  });
}
