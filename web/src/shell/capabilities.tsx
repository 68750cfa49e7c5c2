/**
 * Which API routes this server offers, read once from /api/openapi.json. Navigation shows a page only when
 * its routes exist, so pages for later issues (certificates, referrals, stats) appear as the back end ships
 * them, and nothing links to a 404. If the document cannot be read, everything is assumed present.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../api/ApiContext';

export interface Capabilities {
  /** `has('GET /api/cases')` */
  has(route: string): boolean;
  known: boolean;
}

const ALL: Capabilities = { has: () => true, known: false };
const CapabilitiesContext = createContext<Capabilities>(ALL);

export function capabilitiesFrom(doc: { paths?: Record<string, Record<string, unknown>> }): Capabilities {
  const routes = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const method of Object.keys(ops)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  return { has: (route) => routes.has(route), known: true };
}

/** Renders `fallback` until the document is read (one small request, once per sign-in). */
export function CapabilitiesProvider({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  const api = useApi();
  const [caps, setCaps] = useState<Capabilities | null>(null);
  useEffect(() => {
    let live = true;
    api.meta.openapi().then(
      (doc) => live && setCaps(capabilitiesFrom(doc)),
      () => live && setCaps(ALL),
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (!caps) return <>{fallback ?? null}</>;
  return <CapabilitiesContext.Provider value={caps}>{children}</CapabilitiesContext.Provider>;
}

export const useCapabilities = () => useContext(CapabilitiesContext);
