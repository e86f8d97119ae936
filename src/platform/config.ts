import { z } from 'zod';

/** Environment variables Wegwijs reads. Validated once at start so a typo fails loudly, not later. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  WEGWIJS_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** Public base URL (https://… behind TLS); used for OIDC redirects and Secure cookies. */
  WEGWIJS_PUBLIC_URL: z.string().url().optional(),
  /** Trust X-Forwarded-* from a reverse proxy (needed to see https behind TLS termination). */
  WEGWIJS_TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Two-factor login required for admin and privacy_officer. Default on; the demo turns it off. */
  WEGWIJS_REQUIRE_MFA: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  WEGWIJS_SESSION_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(480),
  WEGWIJS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  WEGWIJS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Staff login through the municipal identity provider (OpenID Connect, code flow + PKCE). */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Citizen login (DigiD via an OpenID Connect broker). */
  DIGID_OIDC_ISSUER: z.string().url().optional(),
  DIGID_OIDC_CLIENT_ID: z.string().optional(),
  DIGID_OIDC_CLIENT_SECRET: z.string().optional(),
  /** Local username/password login; when OIDC_ISSUER is set it is off unless this says true. */
  WEGWIJS_LOCAL_LOGIN: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  WEGWIJS_JOBS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Compile the FHIR R4 schema at start-up (about a second of CPU) so the first GP request does not wait; false: on first use. */
  WEGWIJS_FHIR_WARM_UP: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** The earliest date a contact may carry: registrations from before the municipality started with Wegwijs are typing errors. */
  WEGWIJS_RECORDS_FROM: z.iso.date().default('2015-01-01'),
  /** How iWmo / iJw messages travel (docs/iwmo.md): the outbox/inbox directory under the data dir, or the HTTP stand-in for the hub. */
  WEGWIJS_IWMO_TRANSPORT: z.enum(['directory', 'hub']).default('directory'),
  /** Ed25519 private key (PEM, or the path of a PEM file) that signs audit checkpoints; never stored in the database. */
  WEGWIJS_AUDIT_SIGNING_KEY: z.string().optional(),
  /** Where signed audit checkpoints are kept: outside the database (and outside its data directory). */
  WEGWIJS_AUDIT_CHECKPOINT_DIR: z.string().default('./audit-checkpoints'),
  /** Benchmarks only: write no audit rows at all. Refused unless demo mode or a wegwijs_bench* database. */
  WEGWIJS_BENCH_AUDIT_OFF: z.enum(['1', 'true', '0', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  publicUrl?: string;
  trustProxy: boolean;
  requireMfa: boolean;
  sessionMinutes: number;
  sessionIdleMinutes: number;
  logLevel: string;
  localLogin: boolean;
  oidc?: { issuer: string; clientId: string; clientSecret?: string };
  digid?: { issuer: string; clientId: string; clientSecret?: string };
  demo: boolean;
  jobs: boolean;
  fhirWarmUp: boolean;
  /** The earliest contact date accepted (YYYY-MM-DD). */
  recordsFrom: string;
  auditSigningKey?: string;
  auditCheckpointDir: string;
  /** How iWmo / iJw messages travel: 'directory' (<dataDir>/iwmo) or 'hub' (the HTTP endpoint providers post to and fetch from). */
  iwmoTransport: 'directory' | 'hub';
  benchAuditOff: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { demo?: boolean } = {}): Config {
  // An empty variable counts as unset (DATABASE_URL= in a .env file means "use the embedded database").
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration / ongeldige configuratie:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const demo = opts.demo ?? false;
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) throw new ConfigError('Invalid configuration: OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  if (e.DIGID_OIDC_ISSUER && !e.DIGID_OIDC_CLIENT_ID) throw new ConfigError('Invalid configuration: DIGID_OIDC_CLIENT_ID is required when DIGID_OIDC_ISSUER is set');
  // Outside demo the login return address (OIDC redirect_uri) comes only from configuration, never from the Host header
  // a client sends: a forged Host would send the authorization code elsewhere (docs/security.md).
  if (!demo && (e.OIDC_ISSUER || e.DIGID_OIDC_ISSUER) && !e.WEGWIJS_PUBLIC_URL) {
    throw new ConfigError(`Invalid configuration: WEGWIJS_PUBLIC_URL is required when ${e.OIDC_ISSUER ? 'OIDC_ISSUER' : 'DIGID_OIDC_ISSUER'} is set (the address users reach Wegwijs at, e.g. https://wegwijs.gemeente.nl)`);
  }
  if (e.WEGWIJS_BENCH_AUDIT_OFF && !demo && !(e.DATABASE_URL && new URL(e.DATABASE_URL).pathname.startsWith('/wegwijs_bench'))) {
    throw new ConfigError('Invalid configuration: WEGWIJS_BENCH_AUDIT_OFF is for benchmarks only (demo mode or a wegwijs_bench* database)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.WEGWIJS_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.WEGWIJS_PUBLIC_URL,
    trustProxy: e.WEGWIJS_TRUST_PROXY,
    requireMfa: e.WEGWIJS_REQUIRE_MFA ?? !demo,
    sessionMinutes: e.WEGWIJS_SESSION_MINUTES,
    sessionIdleMinutes: e.WEGWIJS_SESSION_IDLE_MINUTES,
    logLevel: e.WEGWIJS_LOG_LEVEL,
    localLogin: e.WEGWIJS_LOCAL_LOGIN ?? !e.OIDC_ISSUER,
    oidc: e.OIDC_ISSUER ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET } : undefined,
    digid: e.DIGID_OIDC_ISSUER ? { issuer: e.DIGID_OIDC_ISSUER, clientId: e.DIGID_OIDC_CLIENT_ID!, clientSecret: e.DIGID_OIDC_CLIENT_SECRET } : undefined,
    demo,
    jobs: e.WEGWIJS_JOBS,
    fhirWarmUp: e.WEGWIJS_FHIR_WARM_UP,
    recordsFrom: e.WEGWIJS_RECORDS_FROM,
    auditSigningKey: e.WEGWIJS_AUDIT_SIGNING_KEY,
    auditCheckpointDir: e.WEGWIJS_AUDIT_CHECKPOINT_DIR,
    iwmoTransport: e.WEGWIJS_IWMO_TRANSPORT,
    benchAuditOff: e.WEGWIJS_BENCH_AUDIT_OFF,
  };
}
