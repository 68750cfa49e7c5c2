// Runs dynalite (a DynamoDB-compatible server on LevelDB) in a worker thread, so its request handling uses the
// second core while the main thread runs the API and the SDK clients (docs/decisions.md: D2). It listens on
// loopback for every client (the SDK's, tests', other processes'), and also takes requests posted by the process
// that started it: the same DynamoDB JSON request (operation and body) handed to dynalite's own request handler,
// without a socket on either side (the direct client's transport in `npm start`, docs/decisions.md D20).
import { EventEmitter } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import dynalite from 'dynalite';

// dynalite reads and decodes the table's description from LevelDB on every request (`getTable`: ~13 % of its busy
// time under the submission benchmark). Its store keeps the descriptions in one prefixed sub-database whose `get`
// every reader calls; the descriptions are kept here once read, and dropped by any write to them (create, update,
// delete table). A read that was in flight across such a write is not kept.
const require = createRequire(import.meta.url);
const dynaliteDb = require(join(dirname(require.resolve('dynalite')), 'db'));
const createStore = dynaliteDb.create;
dynaliteDb.create = (options) => {
  const store = createStore(options);
  keepTables(store.tableDb);
  return store;
};

function keepTables(tableDb) {
  const kept = new Map();
  let writes = 0;
  const { get, put, del, batch } = tableDb;
  tableDb.get = (key, cb) => {
    if (kept.has(key)) return process.nextTick(cb, null, kept.get(key));
    const seen = writes;
    get.call(tableDb, key, (err, value) => {
      if (!err && value && seen === writes) kept.set(key, value);
      cb(err, value);
    });
  };
  const dropping =
    (write) =>
    (...args) => {
      writes++;
      kept.clear();
      const cb = args.pop();
      write.call(tableDb, ...args, (...out) => {
        writes++;
        kept.clear();
        cb(...out);
      });
    };
  tableDb.put = dropping(put);
  tableDb.del = dropping(del);
  tableDb.batch = dropping(batch);
}

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
