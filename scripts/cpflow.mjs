#!/usr/bin/env node
// cpflow CLI — definitions as code, against a running server (local or AWS), with the same checks as the web app.
//   cpflow validate <file>            check a form or workflow file (nothing is saved)
//   cpflow publish <file> [-m note]   save it as the draft and publish it
//   cpflow dry-run <file> [--decisions decisions.json]   save the workflow draft and dry-run it
//   cpflow seed [dir]                 load forms/, workflows/ and workflows/programmes.json (never overwrites an
//                                     administrator's versions)
// Environment: CPFLOW_URL (default http://localhost:3000), and CPFLOW_TOKEN or CPFLOW_USERNAME + CPFLOW_PASSWORD.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const [command, target, ...rest] = process.argv.slice(2);
const base = (process.env.CPFLOW_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const flag = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};

function usage(code = 2) {
  console.error(
    'usage: cpflow validate|publish|dry-run <file> | cpflow seed [dir]   (see the header of scripts/cpflow.mjs)',
  );
  process.exit(code);
}

async function token() {
  if (process.env.CPFLOW_TOKEN) return process.env.CPFLOW_TOKEN;
  const { CPFLOW_USERNAME: username, CPFLOW_PASSWORD: password } = process.env;
  if (!username || !password) throw new Error('set CPFLOW_TOKEN, or CPFLOW_USERNAME and CPFLOW_PASSWORD');
  const res = await call('POST', '/api/auth/login', { username, password }, undefined);
  return res.token;
}

async function call(method, path, body, bearer) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = new Error(
      `${method} ${path}: ${res.status} ${data?.error?.code ?? ''} ${data?.error?.message ?? text}`,
    );
    err.details = data?.error?.details;
    throw err;
  }
  return data;
}

function readDefinition(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const id = doc.id ?? basename(file).replace(/\.json$/, '');
  if (doc.definition)
    return { kind: 'workflows', id, body: { title: doc.title ?? id, definition: doc.definition } };
  if (doc.schema) {
    const { id: _id, ...body } = doc;
    return { kind: 'forms', id, body };
  }
  throw new Error(`${file}: neither a form (schema) nor a workflow (definition)`);
}

function printProblems(problems) {
  for (const p of problems) console.log(`  ${p.path || '/'}  ${p.message}`);
}

async function main() {
  if (!command) usage();
  const bearer = await token();
  if (command === 'seed') {
    const root = target ?? '.';
    const files = (d) =>
      existsSync(join(root, d))
        ? readdirSync(join(root, d))
            .filter((f) => f.endsWith('.json') && f !== 'programmes.json')
            .map((f) => join(root, d, f))
        : [];
    const forms = files('forms').map((f) => ({
      id: basename(f, '.json'),
      ...JSON.parse(readFileSync(f, 'utf8')),
    }));
    const workflows = files('workflows').map((f) => ({
      id: basename(f, '.json'),
      ...JSON.parse(readFileSync(f, 'utf8')),
    }));
    const programmesFile = join(root, 'workflows', 'programmes.json');
    const programmes = existsSync(programmesFile) ? JSON.parse(readFileSync(programmesFile, 'utf8')) : [];
    const report = await call('POST', '/api/admin/catalogue', { forms, workflows, programmes }, bearer);
    for (const section of ['forms', 'workflows', 'programmes']) {
      for (const [id, outcome] of Object.entries(report[section]))
        console.log(`${section.slice(0, -1)} ${id}: ${outcome}`);
    }
    const failed = [...Object.values(report.forms), ...Object.values(report.workflows)].some((o) =>
      o.startsWith('failed'),
    );
    process.exit(failed ? 1 : 0);
  }
  if (!target) usage();
  const def = readDefinition(target);
  const path = `/api/admin/${def.kind}/${def.id}`;
  if (command === 'validate') {
    const res = await call('POST', `${path}/validate`, def.body, bearer);
    console.log(res.valid ? `${def.id}: valid` : `${def.id}: ${res.problems.length} problem(s)`);
    printProblems(res.problems);
    process.exit(res.valid ? 0 : 1);
  }
  if (command === 'publish') {
    await call('PUT', path, def.body, bearer);
    const res = await call(
      'POST',
      `${path}/publish`,
      { changeNote: flag('-m') ?? `published from ${basename(target)}` },
      bearer,
    );
    console.log(`${def.id}: published version ${res.version}`);
    return;
  }
  if (command === 'dry-run') {
    if (def.kind !== 'workflows') throw new Error('dry-run takes a workflow file');
    await call('PUT', path, def.body, bearer);
    const decisionsFile = flag('--decisions');
    const decisions = decisionsFile ? JSON.parse(readFileSync(decisionsFile, 'utf8')) : {};
    const res = await call('POST', `${path}/dry-run`, { decisions }, bearer);
    console.log(`${def.id}: ${res.status} after ${res.humanSteps} human step(s)`);
    console.log(`  path: ${res.path.join(' → ')}`);
    if (res.error) console.log(`  error: ${res.error} ${res.cause ?? ''}`);
    process.exit(res.status === 'SUCCEEDED' ? 0 : 1);
  }
  usage();
}

main().catch((err) => {
  console.error(err.message);
  if (err.details) printProblems(err.details);
  process.exit(1);
});
