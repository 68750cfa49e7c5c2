/**
 * `npm start [-- --demo] [-- --reset-admin-password]`: the whole of cpflow in one process. Prints the URLs, stops
 * cleanly on SIGTERM/SIGINT; everything is persisted under DATA_DIR, so a restart (even after SIGKILL) keeps it.
 */
import { serve } from '@hono/node-server';

// cpflow runs on Node 20 by decision (STACK.md); the SDK's notice about its future Node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { loadConfig } from '../lambdas/config';
import { ensureAdmin, loadRegions, resetAdminPassword, seedDemo } from './bootstrap';
import { startLocalRuntime } from './runtime';
import { withWebApp } from './web';
import { readCatalogue } from './catalogue';
import { loadCatalogue } from '../lambdas/core/definitions/catalogue';
import { startDashboardScheduler, startReminderScheduler } from './scheduler';
import { resumeStalled } from '../lambdas/core/tasks/resume';

async function main() {
  const args = new Set(process.argv.slice(2));
  const config = loadConfig();
  const runtime = await startLocalRuntime(config);
  const { deps } = runtime;

  await loadRegions(deps);
  const password = await ensureAdmin(deps);
  if (password) {
    console.log(`\n  First start: administrator "admin" created. Password (shown once): ${password}\n`);
  }
  const report = await loadCatalogue(deps, readCatalogue());
  const failed = [...Object.entries(report.forms), ...Object.entries(report.workflows)].filter(([, o]) =>
    o.startsWith('failed'),
  );
  const published = [...Object.values(report.forms), ...Object.values(report.workflows)].filter(
    (o) => o === 'published',
  ).length;
  console.log(`  Starter catalogue: ${published} definitions published, ${failed.length} failed`);
  for (const [id, outcome] of failed) console.log(`    ${id}: ${outcome}`);
  if (args.has('--reset-admin-password')) {
    console.log(`\n  New password for "admin": ${await resetAdminPassword(deps)}\n`);
  }
  if (args.has('--demo')) {
    const users = await seedDemo(deps, config.dataDir);
    console.log(
      `  Demo data loaded: ${users.length} users, credentials in ${config.dataDir}/demo-users.json`,
    );
  }

  // Submissions stored before a crash whose workflow was not resumed: nothing of this process is in flight yet.
  const stalled = await resumeStalled(runtime.taskDeps, { olderThanMs: 0 });
  if (stalled.resumed) console.log(`  Resumed ${stalled.resumed} submissions a crash left unresumed`);

  // The daily reminder sweep (an EventBridge schedule on AWS): once now, then every day at 01:00 China time.
  const scheduler = startReminderScheduler(runtime.taskDeps);
  // The administrators' dashboard snapshots: shortly after start, then every DASHBOARD_REFRESH_MINUTES (10).
  const dashboards = startDashboardScheduler(runtime.taskDeps, {
    everyMinutes: config.dashboardRefreshMinutes,
  });
  console.log(`  Local mail outbox: ${runtime.outboxDir}`);

  const server = serve({ fetch: withWebApp(runtime.app).fetch, port: config.port, hostname: '0.0.0.0' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  console.log(`  cpflow web and API: http://localhost:${config.port}/  (OpenAPI: /api/openapi.json)`);
  console.log(
    `  DynamoDB endpoint:  ${runtime.dynamodbEndpoint}${config.dynamodbEndpoint ? ' (external)' : ' (embedded)'}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`  ${signal}: stopping…`);
    scheduler.stop();
    dashboards.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await scheduler.started;
    await dashboards.started;
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
