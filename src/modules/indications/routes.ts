import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import {
  addTariff, createContract, createProduct, createProvider, getProduct, getProvider, listContracts, listProducts, listProviders,
  listTariffs, type ProductCategory, updateProduct, updateProvider,
} from './catalogue-store.ts';
import type { Frequency, Unit } from './indication-cost.ts';
import { indicationStore } from './indication-store.ts';
import {
  ClientIndication, Contract, ContractCreate, Indication, IndicationChange, IndicationCreate, IndicationVersion, IndicationWithdrawal, Product, ProductCreate, ProductWithTariffs, Provider, ProviderCreate, ProviderWithContracts,
  RecordUpdate, Tariff, TariffCreate,
} from './schemas.ts';

const IdParams = z.object({ id: z.uuid() });

/**
 * The provider and product catalogue (issue 18): providers with their contracts, products with
 * their tariffs per contract. Admins change it; finance and Wmo advisers read it.
 */
export const indicationRoutes = fp(async (app: FastifyInstance) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['providers'];
  const admin = (action: string, details: Record<string, unknown> = {}) => ({ action, activity: ProcessingActivity.Administration, details });

  r.get('/api/v1/providers', {
    config: { permission: 'providers.read' },
    schema: { tags, summary: 'Care providers (aanbieders)', response: { 200: z.array(Provider) } },
  }, async () => listProviders(app.db));

  r.post('/api/v1/providers', {
    config: { permission: 'providers.write' },
    schema: { tags, summary: 'Register a care provider', body: ProviderCreate, response: { 201: Provider } },
  }, async (req, reply) => reply.status(201).send(
    await req.store.change(admin('provider.create'), (tx) => createProvider(tx, req.body), (p) => admin('provider.create', { providerId: p.id }))));

  r.get('/api/v1/providers/:id', {
    config: { permission: 'providers.read' },
    schema: { tags, summary: 'A provider with its contracts', params: IdParams, response: { 200: ProviderWithContracts } },
  }, async (req, reply) => {
    const provider = await getProvider(app.db, req.params.id);
    return withETag(reply, { ...provider, contracts: await listContracts(app.db, provider.id) });
  });

  r.patch('/api/v1/providers/:id', {
    config: { permission: 'providers.write' },
    schema: { tags, summary: 'Rename or (de)activate a provider; If-Match: the version it is based on', params: IdParams, headers: IfMatchHeaders,
      body: RecordUpdate, response: { 200: Provider } },
  }, async (req, reply) => {
    const version = versionOf(req);
    return withETag(reply, await req.store.change(admin('provider.update', { providerId: req.params.id, fields: Object.keys(req.body), version }),
      (tx) => updateProvider(tx, req.params.id, req.body, version)));
  });

  r.post('/api/v1/providers/:id/contracts', {
    config: { permission: 'providers.write' },
    schema: { tags, summary: 'Add a contract period of a provider', params: IdParams, body: ContractCreate, response: { 201: Contract } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('provider_contract.create', { providerId: req.params.id }),
    (tx) => createContract(tx, req.params.id, req.body), (c) => admin('provider_contract.create', { providerId: req.params.id, contractId: c.id }))));

  r.get('/api/v1/products', {
    config: { permission: 'products.read' },
    schema: { tags: ['products'], summary: 'The product catalogue (Wmo and Jeugdwet)', response: { 200: z.array(Product) } },
  }, async () => listProducts(app.db));

  r.post('/api/v1/products', {
    config: { permission: 'products.write' },
    schema: { tags: ['products'], summary: 'Add a product', body: ProductCreate, response: { 201: Product } },
  }, async (req, reply) => {
    const body = { ...req.body, category: req.body.category as ProductCategory, unit: req.body.unit as Unit, frequency: req.body.frequency as Frequency };
    return reply.status(201).send(await req.store.change(admin('product.create', { code: body.code }), (tx) => createProduct(tx, body),
      (p) => admin('product.create', { productId: p.id, code: p.code })));
  });

  r.get('/api/v1/products/:id', {
    config: { permission: 'products.read' },
    schema: { tags: ['products'], summary: 'A product with its tariffs under every contract', params: IdParams, response: { 200: ProductWithTariffs } },
  }, async (req, reply) => {
    const product = await getProduct(app.db, req.params.id);
    return withETag(reply, { ...product, tariffs: await listTariffs(app.db, product.id) });
  });

  r.patch('/api/v1/products/:id', {
    config: { permission: 'products.write' },
    schema: { tags: ['products'], summary: 'Rename or (de)activate a product; If-Match: the version it is based on', params: IdParams, headers: IfMatchHeaders,
      body: RecordUpdate, response: { 200: Product } },
  }, async (req, reply) => {
    const version = versionOf(req);
    return withETag(reply, await req.store.change(admin('product.update', { productId: req.params.id, fields: Object.keys(req.body), version }),
      (tx) => updateProduct(tx, req.params.id, req.body, version)));
  });

  r.post('/api/v1/products/:id/tariffs', {
    config: { permission: 'products.write' },
    schema: { tags: ['products'], summary: 'Add a tariff (eurocents per unit) of a product under a contract, for a period', params: IdParams,
      body: TariffCreate, response: { 201: Tariff } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('product_tariff.create', { productId: req.params.id, contractId: req.body.contractId }),
    (tx) => addTariff(tx, req.params.id, req.body), (t) => admin('product_tariff.create', { productId: req.params.id, tariffId: t.id }))));

  r.post('/api/v1/indications', {
    config: { permission: 'indications.write' },
    schema: { tags: ['indications'], summary: 'Record the indication a granting Wmo decision assigns: product, provider, volume, period, form; answers with its cost',
      body: IndicationCreate, response: { 201: Indication } },
  }, async (req, reply) => reply.status(201).send(await indicationStore(req.store).create(req.body)));

  r.get('/api/v1/clients/:clientId/indications', {
    config: { permission: 'indications.read' },
    schema: { tags: ['indications'], summary: "A client's indications, newest first, with their cost and the provider's start and stop", params: z.object({ clientId: z.uuid() }),
      response: { 200: z.array(ClientIndication) } },
  }, async (req) => indicationStore(req.store).ofClient(req.params.clientId));

  r.patch('/api/v1/indications/:id', {
    config: { permission: 'indications.write' },
    schema: { tags: ['indications'], summary: 'A changed decision: the end date in place, or product, volume or provider from changeFrom (a new indication follows); If-Match; the version is kept with who, when and why',
      params: IdParams, headers: IfMatchHeaders, body: IndicationChange, response: { 200: Indication } },
  }, async (req, reply) => withETag(reply, await indicationStore(req.store).change(req.params.id, req.body, versionOf(req))));

  r.post('/api/v1/indications/:id/withdrawal', {
    config: { permission: 'indications.write' },
    schema: { tags: ['indications'], summary: 'Withdraw an indication given wrongly (before care started); If-Match', params: IdParams, headers: IfMatchHeaders,
      body: IndicationWithdrawal, response: { 200: Indication } },
  }, async (req, reply) => withETag(reply, await indicationStore(req.store).withdraw(req.params.id, req.body.reason, versionOf(req))));

  r.get('/api/v1/indications/:id/versions', {
    config: { permission: 'indications.read' },
    schema: { tags: ['indications'], summary: 'Every version of an indication, oldest first: values, what changed, why, who, when', params: IdParams,
      response: { 200: z.array(IndicationVersion) } },
  }, async (req) => indicationStore(req.store).versions(req.params.id));

  r.get('/api/v1/indications/:id', {
    config: { permission: 'indications.read' },
    schema: { tags: ['indications'], summary: 'An indication with its computed cost', params: IdParams, response: { 200: Indication } },
  }, async (req, reply) => withETag(reply, await indicationStore(req.store).get(req.params.id)));
});
