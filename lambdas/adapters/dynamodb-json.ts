/**
 * DynamoDB JSON for the direct client of the embedded store (dynamodb-http.ts). The values are converted by
 * `@aws-sdk/util-dynamodb` — the library `@aws-sdk/lib-dynamodb` itself uses — with the very options cpflow's
 * DocumentClient is given (`MARSHALL_OPTIONS`, shared with dynamodb.ts; unmarshalling with the defaults, as there:
 * numbers as JS numbers, big ones as BigInt). What remains here is the one thing the SDK's protocol serializer adds
 * on the wire: binary travels as base64 text (`toWireJson` / `fromWireJson`).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { marshallOptions } from '@aws-sdk/util-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export type { AttributeValue };

/**
 * The options of cpflow's DocumentClient (lambdas/adapters/dynamodb.ts) and of the direct client alike. Frozen:
 * `DynamoDBDocumentClient.from` writes `convertTopLevelContainer` into the object it is given, so it gets a copy.
 */
export const MARSHALL_OPTIONS: Readonly<marshallOptions> = Object.freeze({
  removeUndefinedValues: true,
  convertClassInstanceToMap: false,
});

/** A top-level record (an item, a key, expression values) as a map of attribute values. */
export const marshallRecord = (record: Record<string, unknown>): Record<string, AttributeValue> =>
  marshall(record, MARSHALL_OPTIONS);

/** A map of attribute values (as `fromWireJson` read it) as a JavaScript record. */
export const unmarshallRecord = (record: Record<string, AttributeValue>): Record<string, unknown> =>
  unmarshall(record);

const base64 = (v: ArrayBufferView | ArrayBuffer): string =>
  (ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.from(v)).toString(
    'base64',
  );

/**
 * A request body as the wire carries it: marshalled binary (bytes) as base64 text. Plain JSON.stringify first: only
 * when its text shows a binary value (`"B":{…}` or `"BS":[{…}]`, which is how bytes stringify) is it done again with
 * the replacer, which costs a call per value (with the reviver below: 1.9 s of a 43.8 s profile of the
 * submission bench, 4 % of the main thread).
 */
export function toWireJson(body: unknown): string {
  const plain = JSON.stringify(body);
  if (!plain.includes('"B":{') && !plain.includes('"BS":[{')) return plain;
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key]; // before toJSON (a Buffer's would give {type, data})
    return ArrayBuffer.isView(raw) || raw instanceof ArrayBuffer ? base64(raw) : value;
  });
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * A response body: binary attribute values (`{ B: base64 }`, `{ BS: [base64…] }`) back to bytes, as the SDK gives
 * them. Only an attribute value holds a `B` string or a `BS` array (a map's members are attribute-value objects, and
 * quotes inside strings are escaped), so text without `"B":"` or `"BS":[` is parsed without the reviver.
 */
export function fromWireJson(text: string): unknown {
  if (!text.includes('"B":"') && !text.includes('"BS":[')) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object') return value;
    const v = value as { B?: unknown; BS?: unknown };
    if (typeof v.B === 'string') return { B: bytes(v.B) };
    if (Array.isArray(v.BS) && v.BS.every((b) => typeof b === 'string')) return { BS: v.BS.map(bytes) };
    return value;
  });
}
