/**
 * Who is signed in. On start, a stored token is checked with GET /api/me; a 401 anywhere (the client's
 * `onUnauthorized`) signs out with an "expired" notice.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../api/ApiContext';
import type { Me } from '../api/types';
import { readSession, writeSession } from './session';

export type AuthStatus = 'checking' | 'signedOut' | 'signedIn';

interface AuthValue {
  status: AuthStatus;
  me: Me | null;
  /** Why the user was signed out, when it was not their choice. */
  notice: 'expired' | null;
  login(username: string, password: string): Promise<void>;
  logout(notice?: 'expired'): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** A window event the API client fires on 401, so the client needs no React. */
export const UNAUTHORIZED_EVENT = 'cpflow:unauthorized';

export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthStatus>(() => (readSession() ? 'checking' : 'signedOut'));
  const [notice, setNotice] = useState<'expired' | null>(null);

  const logout = useCallback((why?: 'expired') => {
    writeSession(null);
    setMe(null);
    setStatus('signedOut');
    setNotice(why ?? null);
  }, []);

  useEffect(() => {
    if (status !== 'checking') return;
    let live = true;
    api.auth
      .me()
      .then((m) => {
        if (!live) return;
        setMe(m);
        setStatus('signedIn');
      })
      .catch(() => {
        if (live) logout('expired');
      });
    return () => {
      live = false;
    };
  }, [api, status, logout]);

  useEffect(() => {
    const onUnauthorized = () => logout('expired');
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [logout]);

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await api.auth.login(username, password);
      writeSession({ token: result.token, expiresAt: result.expiresAt });
      setNotice(null);
      const m = await api.auth.me();
      setMe(m);
      setStatus('signedIn');
    },
    [api],
  );

  const value = useMemo<AuthValue>(
    () => ({ status, me, notice, login, logout }),
    [status, me, notice, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user (pages behind the shell only). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe while signed out');
  return me;
}
