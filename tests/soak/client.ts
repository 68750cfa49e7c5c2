/**
 * The soak's HTTP client: as a browser would be if it never gave up. A request that gets no answer (the server was
 * killed, or is starting again) is sent again, unchanged — POSTs with the same `Idempotency-Key` — until the server
 * answers; `409 IDEMPOTENCY_IN_PROGRESS` (a request with that key was in flight when the server died: its lease
 * must run out first) and 5xx answers are retried too, and every 5xx is recorded as a finding. Every other answer
 * goes back to the caller.
 */
export interface Reply {
  status: number;
  body: any;
}

export interface ClientStats {
  requests: number;
  /** Requests that got no answer (connection refused or reset) and were sent again. */
  retriedNoAnswer: number;
  /** 409 IDEMPOTENCY_IN_PROGRESS answers (retried after a pause). */
  inProgress: number;
  /** Answers with `Idempotent-Replayed: true`. */
  replayed: number;
  /** Every 5xx answer: a bug. */
  serverErrors: { method: string; path: string; status: number; body: string }[];
}

export interface ClientOptions {
  /** Where the server is now (it may move to new ports on a restart). */
  base: () => string;
  /** Throws when the server is down for a reason other than our kill (it crashed on its own). */
  check: () => void;
  passwords: Map<string, string>;
  /** How many requests may be in flight at once. */
  maxInFlight?: number;
  /** Give up on a request after this long without a usable answer. */
  patienceMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Client {
  readonly stats: ClientStats = {
    requests: 0,
    retriedNoAnswer: 0,
    inProgress: 0,
    replayed: 0,
    serverErrors: [],
  };
  private readonly tokens = new Map<string, Promise<string>>();
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: ClientOptions) {}

  private async slot(): Promise<() => void> {
    const max = this.opts.maxInFlight ?? 48;
    while (this.inFlight >= max) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    return () => {
      this.inFlight--;
      this.waiting.shift()?.();
    };
  }

  private async token(username: string): Promise<string> {
    let t = this.tokens.get(username);
    if (!t) {
      const password = this.opts.passwords.get(username);
      if (!password) throw new Error(`no password for ${username}`);
      t = this.send(null, 'POST', '/api/auth/login', { username, password }).then((r) => {
        if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body.token as string;
      });
      this.tokens.set(username, t);
      t.catch(() => this.tokens.delete(username));
    }
    return t;
  }

  /** A request as `username` (null: anonymous), retried until the server gives a real answer. */
  async call(
    username: string | null,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Reply> {
    const reply = await this.send(username, method, path, body, idempotencyKey);
    if (reply.status === 401 && username) {
      // a token from before a restart is still valid (the signing secret is on disk); sign in again once anyway
      this.tokens.delete(username);
      return this.send(username, method, path, body, idempotencyKey);
    }
    return reply;
  }

  private async send(
    username: string | null,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Reply> {
    const deadline = Date.now() + (this.opts.patienceMs ?? 10 * 60_000);
    let pause = 200;
    for (;;) {
      this.opts.check();
      const headers: Record<string, string> = {};
      if (username) headers.authorization = `Bearer ${await this.token(username)}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      const release = await this.slot();
      let res: Response | undefined;
      let text = '';
      try {
        this.stats.requests++;
        res = await fetch(this.opts.base() + path, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(180_000),
        });
        text = await res.text();
      } catch {
        res = undefined;
      } finally {
        release();
      }
      if (Date.now() > deadline) {
        throw new Error(`${method} ${path}: no usable answer within the patience (${res?.status ?? 'none'})`);
      }
      if (!res) {
        this.stats.retriedNoAnswer++;
        await sleep(pause);
        pause = Math.min(pause * 2, 2_000);
        continue;
      }
      let parsed: any;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      if (res.status >= 500) {
        this.stats.serverErrors.push({ method, path, status: res.status, body: text.slice(0, 500) });
        await sleep(pause);
        pause = Math.min(pause * 2, 2_000);
        continue;
      }
      if (res.status === 409 && parsed?.error?.code === 'IDEMPOTENCY_IN_PROGRESS') {
        this.stats.inProgress++;
        await sleep(1_000);
        continue;
      }
      if (res.status === 429) {
        await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
        continue;
      }
      if (res.headers.get('idempotent-replayed') === 'true') this.stats.replayed++;
      return { status: res.status, body: parsed };
    }
  }

  /** Every item of a paged list (`items` + `cursor`). */
  async all(username: string, path: string): Promise<any[]> {
    const out: any[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const r = await this.call(
        username,
        'GET',
        `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      out.push(...(r.body.items ?? []));
      cursor = r.body.cursor;
    } while (cursor);
    return out;
  }
}
