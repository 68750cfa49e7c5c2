// Runs dynalite (a DynamoDB-compatible server on LevelDB) in a worker thread, so its request handling uses the
// second core while the main thread runs the API and the SDK clients (docs/decisions.md: D2).
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const server = dynalite({
  ...(workerData.path ? { path: workerData.path } : {}),
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});
server.on('error', (err) => parentPort.postMessage({ type: 'error', message: String(err?.message ?? err) }));
server.listen(workerData.port, workerData.host, () => {
  parentPort.postMessage({ type: 'listening', port: server.address().port });
});
parentPort.on('message', (msg) => {
  if (msg?.type !== 'close') return;
  server.close(() => {
    const db = server.db;
    const done = () => parentPort.postMessage({ type: 'closed' });
    if (db && typeof db.close === 'function') db.close().then(done, done);
    else done();
  });
});
