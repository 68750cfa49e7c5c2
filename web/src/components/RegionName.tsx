/** A region's name for its code, looked up once per parent and cached for the page's life. */
import { useEffect, useState } from 'react';
import type { Api } from '../api/endpoints';
import { useApi } from '../api/ApiContext';
import type { Region } from '../api/types';
import { useI18n } from '../i18n/I18nContext';

const cache = new WeakMap<Api, Map<string, Promise<Region[]>>>();

export function childRegions(api: Api, parent: string | undefined): Promise<Region[]> {
  let byParent = cache.get(api);
  if (!byParent) cache.set(api, (byParent = new Map()));
  const key = parent ?? '';
  let p = byParent.get(key);
  if (!p) {
    p = api.regions.children(parent).then((r) => r.items);
    p.catch(() => byParent.delete(key));
    byParent.set(key, p);
  }
  return p;
}

/** `86/440000/440100/` → the parent of its last code. */
export function parentOf(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}

export function RegionName({ code, path }: { code: string; path: string }) {
  const api = useApi();
  const { pick } = useI18n();
  const [region, setRegion] = useState<Region | null>(null);
  useEffect(() => {
    let live = true;
    childRegions(api, parentOf(path)).then(
      (items) => live && setRegion(items.find((r) => r.code === code) ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, code, path]);
  return <span title={code}>{region ? pick(region.name) : code}</span>;
}
