import { createHash, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A minimal OpenID Connect provider for tests: discovery, JWKS, an authorize endpoint that
 * signs in `claims` at once, and a token endpoint that checks the client secret and PKCE.
 */
export async function startTestIdp(claims: Record<string, unknown>, client = { id: 'wegwijs', secret: 'idp-secret' }) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  const idp = Fastify();
  await idp.register(formbody);
  let issuer = '';
  idp.get('/.well-known/openid-configuration', async () => ({
    issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
  }));
  idp.get('/jwks', async () => ({ keys: [jwk] }));
  idp.get('/authorize', async (req, reply) => {
    const q = req.query as Record<string, string>;
    if (q.client_id !== client.id || q.code_challenge_method !== 'S256') return reply.status(400).send('bad request');
    const code = randomBytes(16).toString('hex');
    codes.set(code, { challenge: q.code_challenge!, nonce: q.nonce!, redirectUri: q.redirect_uri! });
    return reply.redirect(`${q.redirect_uri}?code=${code}&state=${q.state}&iss=${encodeURIComponent(issuer)}`);
  });
  idp.post('/token', async (req, reply) => {
    const b = req.body as Record<string, string>;
    const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':').map(decodeURIComponent) : null;
    const [id, secret] = basic ?? [b.client_id, b.client_secret];
    const c = codes.get(b.code ?? '');
    codes.delete(b.code ?? '');
    if (id !== client.id || secret !== client.secret) return reply.status(401).send({ error: 'invalid_client' });
    if (!c || createHash('sha256').update(b.code_verifier ?? '').digest('base64url') !== c.challenge) return reply.status(400).send({ error: 'invalid_grant' });
    const idToken = await new SignJWT({ ...claims, nonce: c.nonce }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer).setAudience(client.id).setIssuedAt().setExpirationTime('5m').sign(privateKey);
    return { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken };
  });
  await idp.listen({ port: 0, host: '127.0.0.1' });
  issuer = `http://127.0.0.1:${(idp.server.address() as { port: number }).port}`;
  return { issuer, client, close: () => idp.close() };
}
