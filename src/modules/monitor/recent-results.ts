/**
 * Results of an expensive aggregate kept for a short while, per key: callers within `ttlMs` share
 * one computation (also while it runs), so twenty people opening the same dashboard cost one fold.
 * A failed computation is not kept.
 */
export class RecentResults<T> {
  private entries = new Map<string, { at: number; value: Promise<T> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  constructor(ttlMs: number, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const t = this.now();
    for (const [k, e] of this.entries) if (t - e.at > this.ttlMs) this.entries.delete(k);
    const hit = this.entries.get(key);
    if (hit) return hit.value;
    const value = compute();
    this.entries.set(key, { at: t, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
