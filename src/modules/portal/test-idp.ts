import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { isValidBsn } from '../clients/bsn.ts';
import { testIdpActive } from './citizen-auth.ts';

/** Test identities for the demo: valid BSNs (elfproef), never real people. */
export const TEST_IDENTITIES = [
  { bsn: '999993653', givenName: 'Fatima', familyName: 'El Amrani' },
  { bsn: '999990019', givenName: 'Henk', familyName: 'de Jong' },
  { bsn: '999990020', givenName: 'Sanne', familyName: 'van der Berg' },
].filter((i) => isValidBsn(i.bsn));

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (state: string, error?: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>TEST-inlogpagina (geen DigiD)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}.warn{background:#fde68a;border:2px solid #b45309;padding:1rem;font-weight:bold}
label{display:block;margin:.75rem 0 .25rem}input{font-size:1rem;padding:.4rem;width:100%}button{font-size:1rem;padding:.5rem 1rem;margin-top:1rem}</style></head>
<body><p class="warn" role="alert">Dit is een TEST-identiteitsprovider voor de demo. Dit is géén DigiD. / This is a TEST identity provider, not DigiD.</p>
<h1>Inloggen met een testidentiteit</h1>${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/test-idp/authorize"><input type="hidden" name="state" value="${esc(state)}">
<fieldset><legend>Kies een testpersoon</legend>${TEST_IDENTITIES.map((i, n) => `<label><input type="radio" name="identity" value="${n}" style="width:auto"${n === 0 ? ' checked' : ''}> ${esc(`${i.givenName} ${i.familyName}`)} (BSN ${i.bsn})</label>`).join('')}
<label><input type="radio" name="identity" value="custom" style="width:auto"> Andere testpersoon:</label></fieldset>
<label for="bsn">BSN</label><input id="bsn" name="bsn" inputmode="numeric" autocomplete="off">
<label for="givenName">Voornaam</label><input id="givenName" name="givenName"><label for="familyName">Achternaam</label><input id="familyName" name="familyName">
<button type="submit">Inloggen als testpersoon</button></form></body></html>`;

/**
 * The demo's stand-in for DigiD: a small page that hands out a one-time code for a test identity.
 * Only reachable in demo/test mode and never when DIGID_OIDC_ISSUER is configured.
 */
export async function testIdpRoutes(app: FastifyInstance) {
  const guard = () => {
    if (!testIdpActive(app)) throw new AppError('not_found', 404, 'Niet gevonden / Not found');
  };
  app.get('/test-idp/authorize', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    guard();
    const state = String((req.query as { state?: string }).state ?? '');
    return reply.type('text/html').send(page(state));
  });
  app.post('/test-idp/authorize', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    guard();
    const b = (req.body ?? {}) as Record<string, string>;
    const chosen = b.identity === 'custom' || b.identity === undefined
      ? { bsn: (b.bsn ?? '').trim(), givenName: (b.givenName ?? '').trim() || null, familyName: (b.familyName ?? '').trim() }
      : TEST_IDENTITIES[Number(b.identity)];
    if (!chosen || !isValidBsn(chosen.bsn) || !chosen.familyName) {
      return reply.status(400).type('text/html').send(page(b.state ?? '', 'Geef een geldig BSN (elfproef) en een achternaam / Give a valid BSN and a surname'));
    }
    const code = randomBytes(24).toString('base64url');
    await app.db.query('INSERT INTO test_idp_codes (code, bsn, name, state) VALUES ($1,$2,$3,$4)',
      [code, chosen.bsn, JSON.stringify({ givenName: chosen.givenName, familyName: chosen.familyName }), b.state ?? '']);
    return reply.redirect(`/api/v1/portal/login/callback?code=${code}&state=${encodeURIComponent(b.state ?? '')}`);
  });
}
