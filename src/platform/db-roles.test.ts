import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../../test/helpers.ts';

test('the app database role may add to the audit log but never change or empty it', async (t) => {
  const db = await freshDb(t);
  const grants = await db.query<{ privilege_type: string }>(
    `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'wegwijs_app' AND table_name = 'audit_log' ORDER BY 1`);
  assert.deepEqual(grants.map((g) => g.privilege_type), ['INSERT', 'SELECT']);
  const clients = await db.query<{ privilege_type: string }>(
    `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'wegwijs_app' AND table_name = 'clients' ORDER BY 1`);
  assert.deepEqual(clients.map((g) => g.privilege_type), ['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
});
