/**
 * The referral policy in force (`GET /api/reference/referral-policy`): the banks' answer days, the category and
 * scope titles. Read once per signed-in API client and shared; until it arrives (or if it cannot be read) the
 * portal's own scope names and the category ids stand in, so no page waits on it.
 */
import { useApi } from '../../api/ApiContext';
import type { Api } from '../../api/endpoints';
import type { ReferralPolicy, Scope } from '../../api/lifecycleTypes';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';

const cache = new WeakMap<Api, Promise<ReferralPolicy | null>>();

function load(api: Api): Promise<ReferralPolicy | null> {
  let p = cache.get(api);
  if (!p) {
    p = api.reference.get<ReferralPolicy>('referral-policy').then(
      (t) => t.content,
      () => null,
    );
    cache.set(api, p);
  }
  return p;
}

export function usePolicy() {
  const api = useApi();
  const { t, pick } = useI18n();
  const { data } = useAsync(() => load(api), [api]);
  const policy = data ?? null;
  return {
    policy,
    answerDays: policy?.answerDays.value,
    categoryTitle: (id: string) => {
      const c = policy?.categories.find((x) => x.id === id);
      return c ? pick(c.title) : id;
    },
    scopeTitle: (id: Scope) => {
      const s = policy?.scopes.find((x) => x.id === id);
      return s ? pick(s.title) : t(`scope.${id}` as MessageKey);
    },
    scopeDescription: (id: Scope) => {
      const s = policy?.scopes.find((x) => x.id === id);
      return s ? pick(s.description) : '';
    },
  };
}
