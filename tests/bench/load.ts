/**
 * The submission benchmark's load generator, run in a process of its own (`fork`) so that its work — building and
 * sending the requests, parsing the answers, its histograms — does not share the measured server's event loop,
 * nor count in the server process's CPU. It still shares the machine's two cores, as a client on the same host
 * does.
 *
 * The exchange with the parent: once loaded it sends `'ready'`; the parent sends one `LoadPlan`; it sends the
 * warm-up paths at the same concurrency and reports their `WarmReport`; the parent sends `'go'` (having taken its
 * own starting figures); it sends the measured paths and reports their `LoadReport`.
 */
import autocannon from 'autocannon';

export interface LoadPlan {
  url: string;
  token: string;
  connections: number;
  /** Sent first, not measured: the server's code is optimised by V8 only after it has run for a while. */
  warmup: string[];
  /** One request per path, in order: the measured run. */
  paths: string[];
  /** The JSON body of every request. */
  body: string;
}

export interface WarmReport {
  warm: { requests: number; p50: number; p99: number; errors: number };
}

export interface LoadReport {
  result: autocannon.Result;
  /** When the last answer arrived (ms since the epoch, `performance.timeOrigin + performance.now()`). */
  lastAnswerAt: number;
  /** CPU time of this process during the measured run, ms. */
  cpuMs: number;
}

const now = () => performance.timeOrigin + performance.now();

/** Sends one request per path at the plan's concurrency; `onAnswer` is called as each answer arrives. */
function send(plan: LoadPlan, paths: string[], onAnswer: () => void): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    const run = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        amount: paths.length,
        // autocannon gives up on a request after 10 s by default and counts it an error; a loaded machine can be
        // slower than that, and a slow answer is a latency to measure, not an error.
        timeout: 60,
        requests: [
          {
            method: 'POST',
            headers: { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, path: paths[next++], body: plan.body }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    run.on('response', onAnswer);
  });
}

process.once('message', async (plan: LoadPlan) => {
  if (plan.warmup.length > 0) {
    const warm = await send(plan, plan.warmup, () => {});
    const report: WarmReport = {
      warm: {
        requests: warm.requests.total,
        p50: warm.latency.p50,
        p99: warm.latency.p99,
        errors: warm.non2xx + warm.errors,
      },
    };
    process.send!(report);
  } else process.send!({ warm: { requests: 0, p50: 0, p99: 0, errors: 0 } } satisfies WarmReport);
  await new Promise((resolve) => process.once('message', resolve)); // 'go'
  let lastAnswerAt = now();
  const cpu0 = process.cpuUsage();
  const result = await send(plan, plan.paths, () => (lastAnswerAt = now()));
  const cpu = process.cpuUsage(cpu0);
  const report: LoadReport = { result, lastAnswerAt, cpuMs: (cpu.user + cpu.system) / 1000 };
  process.send!(report, () => process.exit(0));
});
process.send!('ready');
