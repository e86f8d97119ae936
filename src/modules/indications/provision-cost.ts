import type { Queryable } from '../../platform/db.ts';
import { getProduct, getProvider, listTariffs, type Product, type Provider } from './catalogue-store.ts';
import { indicationCost } from './indication-cost.ts';

export type ProvisionInput = { productId: string; providerId: string | null; volume: number; from: string; to: string };
export type ProvisionPrice = { product: Product; provider: Provider | null; eurocents: number | null };

/**
 * For other modules (a Wmo decision): the product, the provider and what a provision costs at the
 * provider's tariffs over its period (indication-cost.ts); eurocents null without a provider, when
 * a day of the period has no tariff, or when its tariffs overlap. Unknown ids are 404 from the catalogue.
 */
export async function priceProvision(q: Queryable, p: ProvisionInput): Promise<ProvisionPrice> {
  const product = await getProduct(q, p.productId);
  const provider = p.providerId ? await getProvider(q, p.providerId) : null;
  if (!provider) return { product, provider, eurocents: null };
  const tariffs = await listTariffs(q, p.productId, p.providerId!);
  try {
    const cost = indicationCost({ volume: p.volume, unit: product.unit, frequency: product.frequency, period: { from: p.from, to: p.to }, tariffs });
    // Days without a tariff would make the amount too low to check a mandate against: no amount then.
    return { product, provider, eurocents: cost.uncovered.length > 0 ? null : cost.eurocents };
  } catch {
    return { product, provider, eurocents: null };
  }
}

/** Names of products and providers by id, for letters and lists. */
export async function catalogueNames(q: Queryable, productIds: readonly string[], providerIds: readonly string[]) {
  const products = new Map<string, Product>();
  for (const id of new Set(productIds)) products.set(id, await getProduct(q, id));
  const providers = new Map<string, Provider>();
  for (const id of new Set(providerIds)) providers.set(id, await getProvider(q, id));
  return { products, providers };
}
