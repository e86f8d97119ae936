import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../platform/db.ts';
import { receiveAll } from './exchange.ts';
import { hubTransport } from './hub.ts';
import { directoryTransport, type Transport } from './transport.ts';

/** The scheduled job that reads the iWmo inbox (src/jobs.ts). */
export const IWMO_INBOX_JOB = 'iwmo.inbox';

/** Where the directory transport lives: `<data dir>/iwmo`. */
export const iwmoDirectory = (config: { dataDir: string }) => join(config.dataDir, 'iwmo');

/**
 * Reads every message waiting in `<dir>/inbox` (answering 305 / 307). Does nothing, and creates
 * nothing, while there is no inbox yet: the directory appears with the first message sent or
 * when the hub's drop-off is set up.
 */
export async function readInbox(db: Db, dir: string, date: string) {
  if (!existsSync(join(dir, 'inbox'))) return [];
  return receiveAll(db, directoryTransport(dir), date);
}

type TransportConfig = { dataDir: string; iwmoTransport: 'directory' | 'hub' };

/** The transport the configuration chooses (WEGWIJS_IWMO_TRANSPORT); the directory is made on first use. */
export const configuredTransport = (config: TransportConfig, db: Db): Transport =>
  (config.iwmoTransport === 'hub' ? hubTransport(db) : directoryTransport(iwmoDirectory(config)));

/** The job: reads what waits in the configured transport (posts to the hub are read at once; this catches any left over). */
export const readConfiguredInbox = (db: Db, config: TransportConfig, date: string) =>
  (config.iwmoTransport === 'hub' ? receiveAll(db, hubTransport(db), date) : readInbox(db, iwmoDirectory(config), date));
