/**
 * Partner banks' green-credit products and webhook settings, kept by administrators of the bank's region. A bank is
 * an organisation of kind `bank`; its products live under it (`BANK#<bankId>` / `PRODUCT#<productId>`) and in one
 * GSI partition for matching (GSI1 `GREENPRODUCTS` / `<bankId>#<productId>`: a platform has tens of products, so
 * matching reads them all in one Query). The webhook (`BANK#<bankId>` / `WEBHOOK`) holds the shared secret, which
 * the API never returns.
 */
import { onConditionFailed } from '../db/errors';
import type { Item } from '../db/port';
import { NotFoundError, ValidationError, VersionConflictError } from '../errors';
import type { Actor } from '../identity/actor';
import { assertOrganisationAccess } from '../identity/authorize';
import type { Organisation } from '../identity/organisations';
import { getOrganisation, listOrganisations } from '../identity/organisations';
import type { Ports } from '../ports';
import { isoTime } from '../ports';

export interface ProductInput {
  name: string;
  description?: string;
  /** `referral-policy` category ids. */
  categories: string[];
  /** GB/T 2260 codes served (a code serves its whole subtree). */
  regionCodes: string[];
  /** 万元. */
  minAmount: number;
  maxAmount: number;
  maxTermMonths: number;
  /** GB/T 4754 prefixes the product does not lend to, e.g. `B06` (coal mining). */
  excludedIndustries: string[];
  /** As the bank states it, e.g. `LPR-20bp`. */
  indicativeRate?: string;
  active: boolean;
}

export interface Product extends ProductInput {
  id: string;
  bankId: string;
  bankName: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface WebhookConfig {
  bankId: string;
  url: string;
  secret: string;
  active: boolean;
  version: number;
  updatedAt: string;
}

/** What the API shows of a webhook: never the secret, only that one is set and its last four characters. */
export type WebhookView = Omit<WebhookConfig, 'secret'> & { secretHint: string };

export const productKey = (bankId: string, productId: string) => ({
  PK: `BANK#${bankId}`,
  SK: `PRODUCT#${productId}`,
});
export const webhookKey = (bankId: string) => ({ PK: `BANK#${bankId}`, SK: 'WEBHOOK' });
export const PRODUCTS = 'GREENPRODUCTS';

const productFromItem = (item: Item): Product => {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as Product;
};

/** The bank organisation, if the administrator's region holds it; NOT_FOUND otherwise. */
export async function bankFor(ports: Pick<Ports, 'db'>, actor: Actor, bankId: string): Promise<Organisation> {
  const org = await getOrganisation(ports, bankId).catch(() => undefined);
  if (!org || org.kind !== 'bank') throw new NotFoundError('bank', bankId);
  assertOrganisationAccess(actor, org);
  return org;
}

/** The banks in the administrator's region, each with its products. */
export async function listBanks(ports: Pick<Ports, 'db'>, actor: Actor) {
  const banks = await listOrganisations(ports, { regionPath: actor.regionPath, kind: 'bank', limit: 200 });
  return Promise.all(
    banks.items.map(async (bank) => ({
      bank,
      products: await listBankProducts(ports, bank.id),
      webhook: await webhookView(ports, bank.id),
    })),
  );
}

export async function listBankProducts(ports: Pick<Ports, 'db'>, bankId: string): Promise<Product[]> {
  const page = await ports.db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': `BANK#${bankId}`, ':p': 'PRODUCT#' },
  });
  return page.items.map(productFromItem);
}

/** Every product of every bank (the matching input). */
export async function allProducts(ports: Pick<Ports, 'db'>): Promise<Product[]> {
  const out: Product[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': PRODUCTS },
      ExclusiveStartKey: start,
    });
    out.push(...page.items.map(productFromItem));
    start = page.lastKey;
  } while (start);
  return out;
}

/**
 * Creates or replaces a product; `expectVersion` guards a replace (omit it to create).
 * @example await putProduct(ports, actor, 'org_icbcgz001', 'green-retrofit', { name: '绿色技改贷', … })
 */
export async function putProduct(
  ports: Ports,
  actor: Actor,
  bankId: string,
  productId: string,
  input: ProductInput,
  expectVersion?: number,
): Promise<Product> {
  const bank = await bankFor(ports, actor, bankId);
  return saveProduct(ports, bank, productId, input, actor.username, expectVersion);
}

/** The write behind `putProduct`, also used by the demo loader (no actor). */
export async function saveProduct(
  ports: Pick<Ports, 'db' | 'clock'>,
  bank: Pick<Organisation, 'id' | 'name'>,
  productId: string,
  input: ProductInput,
  author: string,
  expectVersion?: number,
): Promise<Product> {
  const product: Product = {
    ...input,
    id: productId,
    bankId: bank.id,
    bankName: bank.name,
    version: (expectVersion ?? 0) + 1,
    updatedAt: isoTime(ports.clock.now()),
    updatedBy: author,
  };
  await onConditionFailed(
    ports.db.put({
      Item: {
        ...productKey(bank.id, productId),
        type: 'bank-product',
        ...product,
        GSI1PK: PRODUCTS,
        GSI1SK: `${bank.id}#${productId}`,
      },
      ...(expectVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectVersion } }),
    }),
    () => new VersionConflictError('product', `${bank.id}/${productId}`),
  );
  return product;
}

export async function findWebhook(
  ports: Pick<Ports, 'db'>,
  bankId: string,
): Promise<WebhookConfig | undefined> {
  const item = await ports.db.get({ Key: webhookKey(bankId), ConsistentRead: true });
  if (!item) return undefined;
  const { PK: _a, SK: _b, type: _t, ...rest } = item;
  return rest as unknown as WebhookConfig;
}

export const viewOf = ({ secret, ...rest }: WebhookConfig): WebhookView => ({
  ...rest,
  secretHint: `…${secret.slice(-4)}`,
});

async function webhookView(ports: Pick<Ports, 'db'>, bankId: string) {
  const w = await findWebhook(ports, bankId);
  return w ? viewOf(w) : undefined;
}

/**
 * Webhooks go out over HTTPS; plain HTTP only to the loopback interface (a receiver on the same machine, tests).
 * @example webhookUrlAllowed('http://10.0.0.5/hook') // false
 */
export function webhookUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Sets the bank's webhook. A new secret must come with the first setting; later ones may keep the old secret.
 * @example await putWebhook(ports, actor, 'org_grcb00001', { url: 'https://api.grcb.example/cpflow', secret: 'whsec_…', active: true })
 */
export async function putWebhook(
  ports: Ports,
  actor: Actor,
  bankId: string,
  input: { url: string; secret?: string; active: boolean },
): Promise<WebhookView> {
  await bankFor(ports, actor, bankId);
  return viewOf(await saveWebhook(ports, bankId, input));
}

export async function saveWebhook(
  ports: Pick<Ports, 'db' | 'clock'>,
  bankId: string,
  input: { url: string; secret?: string; active: boolean },
): Promise<WebhookConfig> {
  if (!webhookUrlAllowed(input.url))
    throw new ValidationError('a webhook URL must be https (http only to this machine)', [
      { path: '/url', message: 'https required' },
    ]);
  const current = await findWebhook(ports, bankId);
  const secret = input.secret ?? current?.secret;
  if (!secret) {
    throw new ValidationError('a webhook needs a secret', [
      { path: '/secret', message: 'required the first time' },
    ]);
  }
  const config: WebhookConfig = {
    bankId,
    url: input.url,
    secret,
    active: input.active,
    version: (current?.version ?? 0) + 1,
    updatedAt: isoTime(ports.clock.now()),
  };
  await onConditionFailed(
    ports.db.put({
      Item: { ...webhookKey(bankId), type: 'bank-webhook', ...config },
      ...(current
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    }),
    () => new VersionConflictError('webhook', bankId),
  );
  return config;
}
