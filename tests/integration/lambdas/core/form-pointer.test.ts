/**
 * The form draft's pointer to its latest published version (lambdas/core/definitions/store.ts, docs/decisions.md
 * D22), which a step reads with its recipients in one batch: publishing moves it, a publish sent again after a
 * crash left it behind moves it, and a pointer without its hash (written before it had one) is made good by
 * querying the versions.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashOf } from '../../../../lambdas/core/canonical';
import type { FormContent } from '../../../../lambdas/core/definitions/forms';
import { latestFormVersion, publishForm, saveFormDraft } from '../../../../lambdas/core/definitions/forms';
import { draftKey, versionKey } from '../../../../lambdas/core/definitions/store';
import type { Ports } from '../../../../lambdas/core/ports';
import { startStorePorts } from '../../../support/store-ports';

let ports: Ports;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ ports, close } = await startStorePorts('cpflow-pointer'));
});
afterAll(async () => {
  await close?.();
});

const { id: _id, ...starter } = JSON.parse(readFileSync('forms/bank-answer.json', 'utf8')) as FormContent & {
  id: string;
};
const ID = 'pointer-form';
const pointer = async () => {
  const item = await ports.db.get({ Key: draftKey('FORM', ID), ConsistentRead: true });
  return { number: item?.latestVersion, hash: item?.latestHash };
};

describe("a form draft's pointer to its latest version", () => {
  it('moves on publish, and a publish sent again after a crash left it behind moves it', async () => {
    await saveFormDraft(ports, ID, starter, 'admin');
    const v1 = await publishForm(ports, ID, 'admin', 'first');
    expect(await pointer()).toEqual({ number: 1, hash: v1.hash });
    expect((await latestFormVersion(ports, ID)).version).toBe(1);

    // A publish that died after writing version 2 and before moving the pointer.
    const content = { ...starter, title: { zh: '银行答复（二）', en: 'Bank answer (2)' } };
    await saveFormDraft(ports, ID, content, 'admin');
    const hash = await hashOf(content);
    await ports.db.put({
      Item: {
        ...versionKey('FORM', ID, 2),
        type: 'form-version',
        id: ID,
        number: 2,
        content,
        hash,
        author: 'admin',
        publishedAt: new Date().toISOString(),
        changeNote: 'second',
        meta: {},
      },
    });
    expect((await latestFormVersion(ports, ID)).version).toBe(1); // not published until the pointer moves

    const again = await publishForm(ports, ID, 'admin', 'second');
    expect(again.number).toBe(2);
    expect(await pointer()).toEqual({ number: 2, hash });
    expect((await latestFormVersion(ports, ID)).title).toEqual(content.title);
  });

  it('without its hash is made good by querying the versions', async () => {
    await ports.db.update({
      Key: draftKey('FORM', ID),
      UpdateExpression: 'SET latestVersion = :one REMOVE latestHash',
      ExpressionAttributeValues: { ':one': 1 },
    });
    expect((await latestFormVersion(ports, ID)).version).toBe(2);
  });
});
