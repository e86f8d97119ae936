#!/usr/bin/env node
// Runs the TypeScript CLI on the project's own Node 24 (node_modules/node), whatever node started this shim.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const local = `${root}node_modules/node/bin/node`;
const node = existsSync(local) ? local : process.execPath;
const child = spawn(node, [`${root}src/cli.ts`, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
