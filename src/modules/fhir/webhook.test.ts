import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { callWebhook, endpointProblem, productionPolicy, type WebhookPolicy } from './webhook.ts';

const demo: WebhookPolicy = { allowLoopback: true };
const call = { method: 'POST' as const, headers: {}, timeoutMs: 5_000 };

test('a practice\'s webhook may not point into the municipality\'s network, in any spelling of an address', () => {
  const refused = [
    'http://his.example.nl/notify', 'http://127.0.0.1:9999/hook', 'http://localhost:9999/hook', // https only outside demo and tests
    'https://127.0.0.1/x', 'https://0x7f.1/x', 'https://2130706433/x', 'https://[::1]/x', 'https://0.0.0.0/x', 'https://[::]/x',
    'https://10.1.2.3/hook', 'https://172.16.0.1/x', 'https://192.168.0.5/hook', 'https://100.64.0.1/x', 'https://169.254.169.254/latest',
    'https://[fd00::1]/x', 'https://[fe80::1]/x', 'https://[ff02::1]/x',
    'https://[::127.0.0.1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://[::ffff:a9fe:a9fe]/x', // IPv4-compatible and IPv4-mapped
    'https://[64:ff9b::a9fe:a9fe]/x', 'https://[64:ff9b::7f00:1]/x', // NAT64 to the metadata service and to loopback
    'https://[2002:7f00:1::]/x', 'https://[2001:0:7f00:1::]/x', // 6to4 and Teredo tunnels
  ];
  for (const url of refused) assert.notEqual(endpointProblem(url, productionPolicy), null, url);
  for (const url of ['https://8.8.8.8/hook', 'https://[2a00:1450:4001::1]/hook', 'https://his.example.nl/notify']) {
    assert.equal(endpointProblem(url, productionPolicy), null, url);
  }
  // In demo and tests a HIS simulator on this machine may be called over plain http; other internal addresses stay refused.
  assert.equal(endpointProblem('http://127.0.0.1:9999/hook', demo), null);
  assert.notEqual(endpointProblem('https://10.1.2.3/hook', demo), null);
  assert.notEqual(endpointProblem('http://10.1.2.3/hook', demo), null);
});

test('a webhook name that resolves inside is refused before connecting; the name is resolved once and that address is called', async (t) => {
  let connections = 0;
  const tcp = createTcpServer((s) => { connections++; s.destroy(); });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => tcp.close(() => resolve())));
  const port = (tcp.address() as AddressInfo).port;
  const resolvingTo = (...addresses: string[]): WebhookPolicy => ({ allowLoopback: false, lookup: async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })) });
  for (const policy of [resolvingTo('127.0.0.1'), resolvingTo('8.8.8.8', '127.0.0.1'), resolvingTo('::ffff:127.0.0.1'), resolvingTo('10.0.0.7')]) {
    await assert.rejects(callWebhook(`https://his.example.nl:${port}/hook`, call, policy), /internal or special address/);
  }
  assert.equal(connections, 0, 'nothing inside was contacted');

  // DNS rebinding: a second lookup would answer differently; there is none.
  const calls: string[] = [];
  const his = createServer((req, res) => { calls.push(req.url!); res.writeHead(302, { location: `http://127.0.0.1:${port}/internal` }).end(); });
  await new Promise<void>((resolve) => his.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => his.close(() => resolve())));
  let lookups = 0;
  const rebinding: WebhookPolicy = { allowLoopback: true, lookup: async () => (++lookups === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.7', family: 4 }]) };
  const status = await callWebhook(`http://localhost:${(his.address() as AddressInfo).port}/hook`, call, rebinding);
  assert.equal(lookups, 1);
  assert.deepEqual(calls, ['/hook']);
  assert.equal(status, 302, 'a redirect is a failed delivery, not followed');
  assert.equal(connections, 0);
});
