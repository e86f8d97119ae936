import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Outgoing calls to a GP practice's webhook (FHIR Subscription rest-hook) without letting a
 * practice reach services inside the municipality's network (SSRF; docs/security.md):
 * https only; the name is resolved once, every address it resolves to is checked, and the
 * connection goes to a checked address (no second lookup an attacker's DNS could answer
 * differently); only global unicast addresses; redirects are not followed.
 */
export type WebhookPolicy = {
  /** Demo and tests: plain http and loopback addresses (a HIS simulator on this machine). Never in production. */
  allowLoopback: boolean;
  /** Name resolution; tests replace it. */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
};

/** The address is not one Wegwijs may call (as opposed to a call that failed). */
export class WebhookRefused extends Error {}

export const productionPolicy: WebhookPolicy = { allowLoopback: false };
export const policyFor = (config: { demo: boolean }): WebhookPolicy => ({ allowLoopback: config.demo });

/** IPv6: only global unicast (2000::/3) may be called; that excludes loopback, ::/96 (IPv4-compatible, e.g. [::127.0.0.1]),
 * ::ffff:0:0/96 (IPv4-mapped), 64:ff9b::/96 (NAT64), fc00::/7, fe80::/10 and multicast. Inside 2000::/3, the tunnels
 * that embed an IPv4 address (6to4, Teredo) and documentation ranges are refused too. */
const GLOBAL_V6 = new BlockList();
GLOBAL_V6.addSubnet('2000::', 3, 'ipv6');
const SPECIAL = new BlockList();
for (const [net, bits] of [['2001::', 23], ['2001:db8::', 32], ['2002::', 16], ['3fff::', 20]] as const) SPECIAL.addSubnet(net, bits, 'ipv6');
/** IPv4 special-purpose ranges (IANA registry): this network, private, shared (CGNAT), loopback, link-local, protocol
 * assignments, documentation, 6to4 relay, benchmarking, multicast, reserved and broadcast. */
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3],
] as const) SPECIAL.addSubnet(net, bits, 'ipv4');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Why this address may not be called, or null. */
export function addressProblem(address: string, policy: WebhookPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return `not an IP address (${address})`;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (policy.allowLoopback && LOOPBACK.check(address, type)) return null;
  const global = family === 6 ? GLOBAL_V6.check(address, 'ipv6') && !SPECIAL.check(address, 'ipv6') : !SPECIAL.check(address, 'ipv4');
  return global ? null : `endpoint resolves to an internal or special address (${address}); refused`;
}

const LOOPBACK_NAME = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Checked when the Subscription is created: a URL, https (plain http only to this machine in demo/test), no credentials. */
export function endpointProblem(endpoint: string, policy: WebhookPolicy): string | null {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return 'endpoint is geen geldige URL / endpoint is not a valid URL';
  }
  if (u.username || u.password) return 'geen inloggegevens in de URL; gebruik channel.header / no credentials in the URL; use channel.header';
  if (u.protocol === 'http:' && policy.allowLoopback && LOOPBACK_NAME.test(u.hostname)) return null;
  if (u.protocol !== 'https:') return 'endpoint moet https gebruiken / endpoint must use https';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? addressProblem(host, policy) : null;
}

const defaultLookup = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Resolves once and checks every address; the connection uses exactly these addresses. All must
 * pass: a name that also points inside is refused rather than hoping the right one is picked.
 */
function checkedLookup(policy: WebhookPolicy): LookupFunction {
  return (hostname, options, callback) => {
    (policy.lookup ?? defaultLookup)(hostname).then((addresses) => {
      const bad = addresses.map((a) => addressProblem(a.address, policy)).find((p) => p !== null);
      if (bad) return callback(new WebhookRefused(bad), '', 0);
      if (addresses.length === 0) return callback(new Error(`no address for ${hostname}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, addresses);
      const first = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0]!;
      callback(null, first.address, first.family);
    }, (e: Error) => callback(e, '', 0));
  };
}

export type WebhookCall = { method: 'PUT' | 'POST'; headers: Record<string, string>; body?: string; timeoutMs: number };

/** Calls the webhook once; resolves with the HTTP status (a redirect is just a non-2xx status), rejects when refused (WebhookRefused) or unreachable. */
export function callWebhook(endpoint: string, call: WebhookCall, policy: WebhookPolicy): Promise<number> {
  const problem = endpointProblem(endpoint, policy);
  if (problem) return Promise.reject(new WebhookRefused(problem));
  const url = new URL(endpoint);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: call.method, headers: { ...call.headers, ...(call.body ? { 'content-length': Buffer.byteLength(call.body) } : {}) },
      // A literal IP was checked above; a name is resolved (once) and checked here. No shared agent: no reused socket to an older address.
      lookup: checkedLookup(policy), agent: false, timeout: call.timeoutMs,
    }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${call.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(call.body);
  });
}
