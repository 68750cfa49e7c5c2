/**
 * The bearer token, kept in memory and mirrored to localStorage so a reload (or a second tab) stays signed in
 * until the token expires. Expired tokens are dropped on read.
 */
export interface Session {
  token: string;
  expiresAt: number;
}

const KEY = 'cpflow.session';
let memory: Session | null | undefined;

/** `expiresAt` may come in seconds or milliseconds since the epoch. */
function toMillis(expiresAt: number): number {
  return expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
}

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.token !== 'string' || typeof s.expiresAt !== 'number') return null;
    return { token: s.token, expiresAt: s.expiresAt };
  } catch {
    return null;
  }
}

export function readSession(now = Date.now()): Session | null {
  if (memory === undefined) memory = load();
  if (memory && toMillis(memory.expiresAt) <= now) writeSession(null);
  return memory ?? null;
}

export function writeSession(session: Session | null): void {
  memory = session;
  try {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable (private mode): the session lives in this page's memory only
    return;
  }
}

export const currentToken = (): string | null => readSession()?.token ?? null;
