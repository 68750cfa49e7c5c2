import { describe, expect, it } from 'vitest';
import { applyMigration, checkDrafts, migrationProblems } from '../../../../../lambdas/core/forms';
import type { FormDefinition } from '../../../../../lambdas/core/forms';
import { auditExample, auditForm, copy } from './fixtures';

describe('applyMigration', () => {
  it('renames, drops and fills defaults without touching the input', () => {
    const draft = { enterprise: { nm: '甲公司', fax: '020-1' }, note: 'x' };
    const before = copy(draft);
    const migrated = applyMigration(draft, {
      rename: [{ from: '/enterprise/nm', to: '/enterprise/name' }],
      drop: ['/enterprise/fax', '/missing/field'],
      defaults: [
        { path: '/enterprise/size', value: '小型' },
        { path: '/assumptions/taxRate', value: 0.25 },
        { path: '/note', value: 'ignored: present' },
      ],
    });
    expect(migrated).toEqual({
      enterprise: { name: '甲公司', size: '小型' },
      note: 'x',
      assumptions: { taxRate: 0.25 },
    });
    expect(draft).toEqual(before);
  });

  it('applies * paths to every row, renaming within the same row', () => {
    const draft = { checklist: [{ why: 'a' }, { ok: true }, { why: 'c' }] };
    const migrated = applyMigration(draft, {
      rename: [{ from: '/checklist/*/why', to: '/checklist/*/reason' }],
      defaults: [{ path: '/checklist/*/result', value: '符合' }],
    });
    expect(migrated).toEqual({
      checklist: [
        { reason: 'a', result: '符合' },
        { ok: true, result: '符合' },
        { reason: 'c', result: '符合' },
      ],
    });
  });

  it('gives each row its own copy of an object default', () => {
    const migrated = applyMigration({ rows: [{}, {}] }, { defaults: [{ path: '/rows/*/meta', value: { v: 1 } }] }) as {
      rows: { meta: object }[];
    };
    expect(migrated.rows[0]!.meta).not.toBe(migrated.rows[1]!.meta);
  });

  it('does not create parents above a * that matched nothing', () => {
    expect(applyMigration({}, { defaults: [{ path: '/rows/*/x', value: 1 }] })).toEqual({});
  });

  it('refuses malformed migrations, naming the place', () => {
    const bad = {
      rename: [{ from: '/a/*/b', to: '/c' }],
      drop: ['oops', ''],
      defaults: [{ path: '/__proto__/polluted', value: true }],
    };
    expect(migrationProblems(bad).map((p) => p.path)).toEqual(['/rename/0/to', '/defaults/0/path', '/drop/0', '/drop/1']);
    expect(() => applyMigration({}, bad)).toThrow(TypeError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('checkDrafts', () => {
  const v2: FormDefinition = (() => {
    const form = copy(auditForm);
    form.schema.properties!.enterprise!.required!.push('employees');
    form.schema.properties!.enterprise!.properties!.employees = { type: 'integer', minimum: 1 };
    return form;
  })();

  it('reports the drafts the new version would refuse, with their errors', async () => {
    const drafts = [
      { id: 'task-1', data: auditExample },
      { id: 'task-2', data: { ...copy(auditExample), enterprise: { ...auditExample.enterprise, employees: 120 } } },
    ];
    expect(await checkDrafts(v2, drafts)).toEqual([
      { id: 'task-1', errors: [{ path: '/enterprise/employees', message: 'required', keyword: 'required' }] },
    ]);
  });

  it('checks drafts after the declared migration', async () => {
    const report = await checkDrafts(v2, [{ id: 'task-1', data: auditExample }], {
      defaults: [{ path: '/enterprise/employees', value: 1 }],
    });
    expect(report).toEqual([]);
  });
});
