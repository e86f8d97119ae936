import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Sets a login cookie: HttpOnly, SameSite=Lax, and Secure whenever Wegwijs is reached over TLS. */
export function setLoginCookie(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, name: string, token: string, minutes: number) {
  const secure = req.protocol === 'https' || (app.config.publicUrl?.startsWith('https:') ?? false);
  reply.setCookie(name, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: minutes * 60 });
}

/**
 * An absolute URL of this Wegwijs (OIDC redirect URIs): the configured public URL. Only in demo mode
 * (a laptop, tests) may the request's own host stand in; elsewhere the Host header is the client's
 * word, and loadConfig already refuses OIDC or DigiD without WEGWIJS_PUBLIC_URL.
 */
export function publicUrl(app: FastifyInstance, req: FastifyRequest, path: string): string {
  if (app.config.publicUrl) return new URL(path, app.config.publicUrl).toString();
  if (!app.config.demo) throw new AppError('public_url_missing', 500, 'WEGWIJS_PUBLIC_URL is niet ingesteld / WEGWIJS_PUBLIC_URL is not configured');
  return new URL(path, `${req.protocol}://${req.host}`).toString();
}
