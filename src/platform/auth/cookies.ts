import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Sets a login cookie: HttpOnly, SameSite=Lax, and Secure whenever Wegwijs is reached over TLS. */
export function setLoginCookie(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, name: string, token: string, minutes: number) {
  const secure = req.protocol === 'https' || (app.config.publicUrl?.startsWith('https:') ?? false);
  reply.setCookie(name, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: minutes * 60 });
}

/** An absolute URL of this Wegwijs (OIDC redirect URIs): the configured public URL, else the request's own host. */
export function publicUrl(app: FastifyInstance, req: FastifyRequest, path: string): string {
  return new URL(path, app.config.publicUrl ?? `${req.protocol}://${req.host}`).toString();
}
