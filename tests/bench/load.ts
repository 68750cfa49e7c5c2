/**
 * The submission benchmark's load generator, run in a process of its own (`fork`) so that its work — building and
 * sending the requests, parsing the answers, its histograms — does not share the measured server's event loop,
 * nor count in the server process's CPU. It still shares the machine's two cores, as a client on the same host
 * does. Once loaded it sends `'ready'`; the parent then sends one `LoadPlan` and gets back one `LoadReport`.
 */
import autocannon from 'autocannon';

export interface LoadPlan {
  url: string;
  token: string;
  connections: number;
  /** One request per path, in order. */
  paths: string[];
  /** The JSON body of every request. */
  body: string;
}

export interface LoadReport {
  result: autocannon.Result;
  /** When the last answer arrived (ms since the epoch, `performance.timeOrigin + performance.now()`). */
  lastAnswerAt: number;
  /** CPU time of this process during the run, ms. */
  cpuMs: number;
}

const now = () => performance.timeOrigin + performance.now();

process.once('message', (plan: LoadPlan) => {
  let next = 0;
  let lastAnswerAt = now();
  const cpu0 = process.cpuUsage();
  const run = autocannon(
    {
      url: plan.url,
      connections: plan.connections,
      amount: plan.paths.length,
      // autocannon gives up on a request after 10 s by default and counts it an error; a loaded machine can be slower
      // than that, and a slow answer is a latency to measure, not an error.
      timeout: 60,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, path: plan.paths[next++], body: plan.body }),
        },
      ],
    },
    (err, result) => {
      if (err) throw err;
      const cpu = process.cpuUsage(cpu0);
      const report: LoadReport = { result, lastAnswerAt, cpuMs: (cpu.user + cpu.system) / 1000 };
      process.send!(report, () => process.exit(0));
    },
  );
  run.on('response', () => {
    lastAnswerAt = now();
  });
});
process.send!('ready');
