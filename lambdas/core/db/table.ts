/**
 * The one table, declared once: the local runtime creates it from this, the CDK stack declares it from this.
 * Generic key names (PK/SK, GSIn PK/SK) let each entity place itself; docs/data-model.md lists who uses what.
 */
export const GSI = ['GSI1', 'GSI2', 'GSI3'] as const;
export type IndexName = (typeof GSI)[number];

export const TTL_ATTRIBUTE = 'expiresAt';

export interface TableShape {
  partitionKey: 'PK';
  sortKey: 'SK';
  indexes: { name: IndexName; partitionKey: string; sortKey: string }[];
  ttlAttribute: string;
}

export const tableShape: TableShape = {
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: GSI.map((name) => ({ name, partitionKey: `${name}PK`, sortKey: `${name}SK` })),
  ttlAttribute: TTL_ATTRIBUTE,
};

/** The CreateTable input (without TableName) for this shape: on-demand, every GSI projecting all attributes. */
export function createTableInput() {
  const attrs = new Set<string>(['PK', 'SK']);
  for (const i of tableShape.indexes) {
    attrs.add(i.partitionKey);
    attrs.add(i.sortKey);
  }
  return {
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' as const },
      { AttributeName: 'SK', KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: tableShape.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
