/**
 * Form evolution: when a form gets a new version, open tasks still pinned to older versions are found (one GSI
 * query), their drafts checked against the new version, and on request migrated (rename, default, drop) and moved
 * to the new version. Submissions never change.
 */
import { appendEvents } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import type { FormVersion } from '../definitions/forms';
import { latestFormVersion } from '../definitions/forms';
import type { Migration } from '../forms';
import { applyMigration, checkDrafts } from '../forms';
import type { Actor } from '../identity/actor';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import type { TaskRecord } from './model';
import { taskRecordFromItem, taskToItem } from './model';

/** Open tasks of a form pinned to a version older than `version`. */
export async function openTasksBefore(
  { db }: Pick<Ports, 'db'>,
  formId: string,
  version: number,
): Promise<TaskRecord[]> {
  const out: TaskRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :lo AND :hi',
      ExpressionAttributeValues: {
        ':pk': `FORMTASKS#${formId}`,
        ':lo': 'open#000000',
        ':hi': `open#${String(version - 1).padStart(6, '0')}#~`,
      },
      ExclusiveStartKey: start,
    });
    out.push(...page.items.map(taskRecordFromItem));
    start = page.lastKey;
  } while (start);
  return out;
}

export async function formEvolution(ports: Pick<Ports, 'db'>, form: FormVersion) {
  const tasks = await openTasksBefore(ports, form.id, form.version);
  const drafts = tasks.filter((t) => t.draft).map((t) => ({ id: t.id, data: t.draft!.data }));
  const results = await checkDrafts(form, drafts);
  const failing = results
    .filter((r) => r.errors.length)
    .map((r) => ({
      taskId: r.id,
      formVersion: tasks.find((t) => t.id === r.id)!.formVersion,
      errors: r.errors.map(({ path, message }) => ({ path, message })),
    }));
  return { pinned: tasks.length, failing };
}

export async function migrateFormTasks(ports: Ports, actor: Actor, formId: string, migration: Migration) {
  const latest = await latestFormVersion(ports, formId);
  const tasks = await openTasksBefore(ports, formId, latest.version);
  const migrated: string[] = [];
  for (const t of tasks) {
    const now = isoTime(ports.clock.now());
    const draft = t.draft
      ? { ...t.draft, data: applyMigration(t.draft.data, migration), savedAt: now }
      : undefined;
    const next: TaskRecord = {
      ...t,
      formVersion: latest.version,
      ...(draft ? { draft } : {}),
      updatedAt: now,
      version: t.version + 1,
    };
    try {
      await ports.db.put({
        Item: taskToItem(next),
        ConditionExpression: '#v = :v AND #s = :open',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':v': t.version, ':open': 'open' },
      });
    } catch (err) {
      if (err instanceof ConditionFailedError) continue; // changed or closed meanwhile: leave it on its version
      throw err;
    }
    await appendEvents(ports, t.caseId, [
      {
        kind: 'task.migrated',
        actor: { userId: actor.userId, role: actor.role, name: actor.username },
        summary: `表单 ${formId} 由第 ${t.formVersion} 版迁移到第 ${latest.version} 版`,
        data: { taskId: t.id, from: t.formVersion, to: latest.version, migration },
      },
    ]);
    migrated.push(t.id);
  }
  return { migrated, toVersion: latest.version };
}
