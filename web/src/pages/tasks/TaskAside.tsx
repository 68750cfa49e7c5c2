/**
 * What a task's form is about, shown beside it: for an expert's invitation or score sheet (and the agency's
 * formal check) the report under review with its coherence findings; for a bank's answer the referral package
 * it answers, with the SLA and the exchange so far. Chosen by the task's form, like renderers by tester.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useApi } from '../../api/ApiContext';
import type { TaskDetail } from '../../api/types';
import { Facts } from '../../components/Facts';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';
import { Answers, ReferralStatusChip } from '../referrals/Answers';
import { PackageView } from '../referrals/PackageView';
import { usePolicy } from '../referrals/policy';
import { SlaBadge } from '../referrals/SlaBadge';
import { ReportPanel } from '../reviews/ReportPanel';

const REVIEW_FORMS = /^(expert-invitation|report-formal-check|.*score-sheet)$/;
const BANK_ANSWER_FORM = 'bank-answer';

function ReferralAside({ task }: { task: TaskDetail }) {
  const api = useApi();
  const { t } = useI18n();
  const { answerDays } = usePolicy();
  const prefilled = (task.prefill as { referralId?: unknown } | undefined)?.referralId;
  const state = useAsync(async () => {
    if (typeof prefilled === 'string') return api.referrals.get(prefilled);
    // An older step without the id in its prefill: the bank's referral for this case.
    const mine = (await api.referrals.list()).items.find((r) => r.childCaseId === task.caseId);
    return mine ? api.referrals.get(mine.id) : null;
  }, [api, prefilled, task.caseId]);
  return (
    <Box data-testid="referral-aside">
      <Typography variant="h6" component="h2">
        {t('referrals.package')}
      </Typography>
      <AsyncView state={state}>
        {(r) =>
          r ? (
            <>
              <Facts
                items={[
                  {
                    label: t('referrals.enterprise'),
                    value: <Link href={`/referrals/${r.id}`}>{r.organisationName}</Link>,
                  },
                  { label: t('common.status'), value: <ReferralStatusChip status={r.status} /> },
                  {
                    label: t('referrals.sla'),
                    value: (
                      <SlaBadge
                        referral={r}
                        dueAt={task.status === 'open' ? task.dueAt : undefined}
                        answerDays={answerDays}
                      />
                    ),
                  },
                ]}
              />
              {(r.answers.length > 0 || r.info.length > 0) && (
                <Box sx={{ mt: 1 }}>
                  <Answers referral={r} />
                </Box>
              )}
              {r.package ? (
                <PackageView pkg={r.package} />
              ) : (
                <Typography color="text.secondary">{t('referrals.packageGone')}</Typography>
              )}
            </>
          ) : (
            <Typography color="text.secondary">{t('referrals.notFound')}</Typography>
          )
        }
      </AsyncView>
    </Box>
  );
}

/** The panel for a task, or null when its form has none. */
export function taskAside(task: TaskDetail): ReactNode | null {
  if (REVIEW_FORMS.test(task.formId)) return <ReportPanel caseId={task.caseId} />;
  if (task.formId === BANK_ANSWER_FORM) return <ReferralAside task={task} />;
  return null;
}
