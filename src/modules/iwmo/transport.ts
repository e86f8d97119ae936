import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../../platform/db.ts';

/**
 * How messages travel. One interface, so that the hub (GGk via Digikoppeling) can replace the
 * directory without the exchange code noticing: the directory (this file) and the HTTP stand-in
 * for the hub (hub.ts) implement it, chosen by WEGWIJS_IWMO_TRANSPORT (docs/iwmo.md).
 */
export interface Transport {
  /**
   * Hands one message over for delivery (the hub, or the outbox). `tx` is the transaction the
   * message is stored as sent in: a transport that keeps messages in the database joins it, so a
   * message is handed over exactly when it is stored.
   */
  send(name: string, content: string, tx?: Queryable): Promise<void>;
  /** The messages waiting to be read, oldest first. */
  receive(): Promise<{ name: string; content: string }[]>;
  /** Marks a received message as handled, so it is not read again. */
  done(name: string): Promise<void>;
}

/**
 * The default transport: `<root>/outbox` for what Wegwijs sends, `<root>/inbox` for what it
 * receives; handled inbox files move to `<root>/inbox/done`. A file is written under a temporary
 * name and renamed, so a reader never sees half a message.
 */
export function directoryTransport(root: string): Transport {
  const outbox = join(root, 'outbox');
  const inbox = join(root, 'inbox');
  const handled = join(inbox, 'done');
  for (const d of [outbox, inbox, handled]) mkdirSync(d, { recursive: true });
  return {
    async send(name, content) {
      const tmp = join(outbox, `.${name}.tmp`);
      writeFileSync(tmp, content);
      renameSync(tmp, join(outbox, name));
    },
    async receive() {
      return readdirSync(inbox)
        .filter((n) => n.endsWith('.xml') && !n.startsWith('.'))
        .map((name) => ({ name, mtime: statSync(join(inbox, name)).mtimeMs }))
        .sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name))
        .map(({ name }) => ({ name, content: readFileSync(join(inbox, name), 'utf8') }));
    },
    async done(name) {
      renameSync(join(inbox, name), join(handled, name));
    },
  };
}
