// Runs dynalite (a DynamoDB-compatible server on LevelDB) in a worker thread, so its request handling uses the
// second core while the main thread runs the API and the SDK clients (docs/decisions.md: D2). It listens on
// loopback for every client (the SDK's, tests', other processes'), and also takes requests posted by the process
// that started it: the same DynamoDB JSON request (operation and body) handed to dynalite's own request handler,
// without a socket on either side (the direct client's transport in `npm start`, docs/decisions.md D20).
import { EventEmitter } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { createDynalite, repairIndexes } from './dynalite-store.mjs';

const server = createDynalite({
  ...(workerData.path ? { path: workerData.path } : {}),
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});
server.on('error', (err) => parentPort.postMessage({ type: 'error', message: String(err?.message ?? err) }));
// A store on disk has its indexes checked once before it takes requests (D23).
const repaired = workerData.path ? await repairIndexes(server.store) : undefined;
server.listen(workerData.port, workerData.host, () => {
  parentPort.postMessage({ type: 'listening', port: server.address().port, repaired });
});

// The headers the direct client sends over HTTP (unsigned, as D10 has it for the embedded endpoints).
const HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20260101T000000Z',
};

/** One posted request through dynalite's request handler, as an HTTP request would go. */
function handle({ id, op, body }) {
  const req = new EventEmitter();
  req.method = 'POST';
  req.url = '/';
  req.headers = { ...HEADERS, 'x-amz-target': `DynamoDB_20120810.${op}` };
  const res = {
    statusCode: 200,
    setHeader() {},
    end(text) {
      parentPort.postMessage({
        type: 'response',
        id,
        status: res.statusCode,
        text: text == null ? '' : String(text),
      });
    },
  };
  server.emit('request', req, res);
  req.emit('data', Buffer.from(body));
  req.emit('end');
}

parentPort.on('message', (msg) => {
  if (msg?.type === 'request') return handle(msg);
  if (msg?.type !== 'close') return;
  server.close(() => {
    const db = server.db;
    const done = () => parentPort.postMessage({ type: 'closed' });
    if (db && typeof db.close === 'function') db.close().then(done, done);
    else done();
  });
});
