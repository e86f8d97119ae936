/**
 * Where Chromium is: CHROMIUM_PATH when set (as .ci/run sets it), else `command -v chromium`.
 * Shared by scripts/test.ts (to decide whether the browser tests can run) and the harness.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Chromium executable, or null when there is none. */
export function findChromium(): string | null {
  const set = process.env.CHROMIUM_PATH;
  if (set) return existsSync(set) ? set : null;
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found && existsSync(found) ? found : null;
}
