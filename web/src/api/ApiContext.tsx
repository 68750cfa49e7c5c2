/** Hands the typed API to components (tests give a fake client here instead of a server). */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { Api } from './endpoints';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
