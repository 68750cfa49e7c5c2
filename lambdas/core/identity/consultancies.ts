/**
 * An enterprise authorises consultancies (咨询服务机构) to act for it: one item per pair, readable from both
 * sides (the enterprise's partition, and GSI1 for "enterprises that authorised this consultancy").
 */
import { ValidationError } from '../errors';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { Organisation } from './organisations';

export const authorisationKey = (enterpriseId: string, consultancyId: string) => ({
  PK: `ORG#${enterpriseId}`,
  SK: `CONSULTANCY#${consultancyId}`,
});

export async function authoriseConsultancy(
  { db, clock }: Pick<Ports, 'db' | 'clock'>,
  enterprise: Organisation,
  consultancy: Organisation,
): Promise<void> {
  if (enterprise.kind !== 'enterprise')
    throw new ValidationError('only an enterprise authorises a consultancy');
  if (consultancy.kind !== 'consultancy') throw new ValidationError(`${consultancy.id} is not a consultancy`);
  await db.put({
    Item: {
      ...authorisationKey(enterprise.id, consultancy.id),
      type: 'consultancy-authorisation',
      enterpriseId: enterprise.id,
      consultancyId: consultancy.id,
      grantedAt: isoTime(clock.now()),
      GSI1PK: `AUTHORISED#${consultancy.id}`,
      GSI1SK: enterprise.id,
    },
  });
}

export async function revokeConsultancy(
  { db }: Pick<Ports, 'db'>,
  enterpriseId: string,
  consultancyId: string,
) {
  await db.delete({ Key: authorisationKey(enterpriseId, consultancyId) });
}

export async function listConsultancies({ db }: Pick<Ports, 'db'>, enterpriseId: string): Promise<string[]> {
  const page = await db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': `ORG#${enterpriseId}`, ':sk': 'CONSULTANCY#' },
  });
  return page.items.map((i) => String(i.consultancyId));
}

/** Enterprises a consultancy may act for (a consultant's scope). */
export async function listAuthorisingEnterprises(
  { db }: Pick<Ports, 'db'>,
  consultancyId: string,
): Promise<string[]> {
  const page = await db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `AUTHORISED#${consultancyId}` },
  });
  return page.items.map((i) => String(i.enterpriseId));
}

export async function isAuthorised(
  { db }: Pick<Ports, 'db'>,
  consultancyId: string,
  enterpriseId: string,
): Promise<boolean> {
  return Boolean(await db.get({ Key: authorisationKey(enterpriseId, consultancyId) }));
}
