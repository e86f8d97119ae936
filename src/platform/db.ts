import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';

/** The part of a connection every store uses: the same SQL runs on PGlite and PostgreSQL. */
export type Queryable = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Db = Queryable & {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
};

/** Types returned as strings by node-postgres that the app wants as numbers or plain dates. */
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and ids stay far below 2^53
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD', never shifted by a time zone

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {}); // an idle client that drops is replaced on the next query
  return {
    engine: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<R>(sql: string, params: unknown[] = []) {
            return (await client.query(sql, params)).rows as R[];
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

/**
 * Embedded PostgreSQL (WASM). dataDir undefined = in memory (tests). `loadDataDir` starts from
 * a dump (`dumpPglite`) instead of an empty cluster: the test runner migrates and seeds once and
 * every test database starts from that copy, which skips initdb (about a second each).
 */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm, unaccent } });
  // PGlite returns int8 as BigInt-free numbers already; dates parsed as Date, so keep dates as text like pg.
  const parsers = { 1082: (v: string) => v, 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };
  const wrapped: Db = {
    engine: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params, { parsers })).rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return db.transaction(async (t) => {
        const tx: Queryable = {
          async query<R>(sql: string, params: unknown[] = []) {
            return (await t.query<R>(sql, params, { parsers })).rows;
          },
        };
        return fn(tx);
      });
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
  dumps.set(wrapped, () => db.dumpDataDir('none'));
  return wrapped;
}

const dumps = new WeakMap<object, () => Promise<Blob>>();

/** The whole data directory of an open PGlite database as a tar, to start others from (`openPglite`). */
export async function dumpPglite(db: Db): Promise<Blob> {
  const dump = dumps.get(db);
  if (!dump) throw new Error('dumpPglite: not a PGlite database');
  return dump();
}

export async function openDb(opts: { databaseUrl?: string; dataDir?: string }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
