import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FinancingRequest, Referral } from '../../../web/src/api/lifecycleTypes';
import { I18nProvider } from '../../../web/src/i18n/I18nContext';
import type { ConsentPanelProps } from '../../../web/src/pages/financing/ConsentPanel';
import { ConsentPanel, withdrawable } from '../../../web/src/pages/financing/ConsentPanel';
import { RouterProvider } from '../../../web/src/router/router';

afterEach(cleanup);

const ICBC = 'org_icbcgz001';
const GRCB = 'org_grcb00001';
const GREEN = 'org_green0001';

const request: Pick<FinancingRequest, 'consent' | 'matches'> = {
  matches: [],
  consent: {
    status: 'given',
    signedBy: '张经理',
    givenAt: '2026-11-01T08:00:00.000Z',
    givenBy: 'usr_bybz00001',
    banks: [
      {
        bankId: ICBC,
        bankName: '工商银行',
        productId: 'p1',
        productName: '绿色技改贷',
        scopes: ['profile', 'certificate', 'performance', 'options'],
      },
      {
        bankId: GRCB,
        bankName: '农商银行',
        productId: 'p2',
        productName: '清洁生产贷',
        scopes: ['profile', 'options'],
      },
      {
        bankId: GREEN,
        bankName: '绿色发展银行',
        productId: 'p3',
        productName: '绿色发展贷',
        scopes: ['profile'],
        withdrawnAt: '2026-11-03T08:00:00.000Z',
      },
    ],
  },
};

const referral = (bankId: string, bankName: string, over: Partial<Referral>): Referral => ({
  id: `ref_${bankId}`,
  requestId: 'case_req',
  childCaseId: `case_req_${bankId}`,
  bankId,
  bankName,
  productId: 'p',
  productName: 'p',
  organisationId: 'org_bybz00001',
  organisationName: '白云印刷',
  scopes: [],
  status: 'delivered',
  answers: [],
  info: [],
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  ...over,
});

const referrals = [
  referral(ICBC, '工商银行', {
    status: 'approved',
    answers: [
      {
        decision: 'approve',
        amount: 150,
        ratePct: 3.1,
        termMonths: 36,
        submissionId: 's',
        answeredAt: '2026-11-02T08:00:00.000Z',
        answeredBy: 'u',
      },
    ],
  }),
  referral(GRCB, '农商银行', { status: 'delivered' }),
  referral(GREEN, '绿色发展银行', { status: 'withdrawn' }),
];

const SCOPES: Record<string, string> = {
  profile: '企业基本信息',
  certificate: '证书',
  performance: '绩效表',
  options: '方案',
};

function renderPanel(props: Partial<ConsentPanelProps> = {}) {
  return render(
    <I18nProvider initial="zh" scoped>
      <RouterProvider>
        <ConsentPanel request={request} referrals={referrals} scopeTitle={(s) => SCOPES[s]!} {...props} />
      </RouterProvider>
    </I18nProvider>,
  );
}

const row = (bankId: string) =>
  screen.getAllByTestId('consent-row').find((r) => r.getAttribute('data-bank') === bankId)!;

describe('ConsentPanel', () => {
  it('shows which bank saw which parts, where each referral stands and its latest answer', () => {
    renderPanel({ onWithdraw: vi.fn() });
    expect(screen.getByText(/由 张经理 于 .* 签署授权/)).toBeTruthy();
    const icbc = row(ICBC);
    expect([...icbc.querySelectorAll('[data-scope]')].map((c) => c.getAttribute('data-scope'))).toEqual([
      'profile',
      'certificate',
      'performance',
      'options',
    ]);
    expect(within(icbc).getByText('已批准')).toBeTruthy();
    expect(icbc.querySelector('[data-decision="approve"]')).toBeTruthy();
    expect(within(icbc).getByRole('link', { name: '工商银行' }).getAttribute('href')).toBe(
      `/referrals/ref_${ICBC}`,
    );
    expect([...row(GRCB).querySelectorAll('[data-scope]')].map((c) => c.textContent)).toEqual([
      '企业基本信息',
      '方案',
    ]);
    expect(within(row(GRCB)).getByText('待银行答复')).toBeTruthy();
    // Withdrawn earlier: named as such, and nothing left to withdraw.
    expect(within(row(GREEN)).getByText(/撤回/)).toBeTruthy();
    expect(within(row(GREEN)).queryByRole('checkbox')).toBeNull();
  });

  it('withdraws the consent for the banks chosen, with the reason, and reports what changed', async () => {
    const onWithdraw = vi.fn().mockResolvedValue({ withdrawn: [GRCB], kept: [] });
    renderPanel({ onWithdraw });
    const button = screen.getByTestId('withdraw-selected') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('选择 农商银行'));
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByTestId('withdraw-banks').textContent).toBe('农商银行 · 清洁生产贷');
    fireEvent.change(within(dialog).getByLabelText('撤回原因'), { target: { value: '已获其他融资' } });
    fireEvent.click(within(dialog).getByTestId('confirm-withdraw'));
    await waitFor(() => expect(onWithdraw).toHaveBeenCalledWith([GRCB], '已获其他融资'));
    await waitFor(() =>
      expect(screen.getByTestId('withdraw-outcome').textContent).toContain('已撤回：农商银行'),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('withdraws from every bank still holding the consent by naming none', async () => {
    const onWithdraw = vi.fn().mockResolvedValue({ withdrawn: [GRCB], kept: [ICBC] });
    renderPanel({ onWithdraw });
    fireEvent.click(screen.getByTestId('withdraw-all'));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByTestId('withdraw-banks').querySelectorAll('li')).toHaveLength(2);
    fireEvent.click(within(dialog).getByTestId('confirm-withdraw'));
    await waitFor(() => expect(onWithdraw).toHaveBeenCalledWith([], undefined));
    await waitFor(() =>
      expect(screen.getByTestId('withdraw-outcome').textContent).toContain('保留答复记录：工商银行'),
    );
  });

  it('keeps the dialog open with the server’s refusal', async () => {
    const onWithdraw = vi.fn().mockRejectedValue(new Error('consent already withdrawn'));
    renderPanel({ onWithdraw });
    fireEvent.click(screen.getByTestId('withdraw-all'));
    fireEvent.click(within(screen.getByRole('dialog')).getByTestId('confirm-withdraw'));
    await waitFor(() =>
      expect(within(screen.getByRole('dialog')).getByRole('alert').textContent).toContain(
        'consent already withdrawn',
      ),
    );
  });

  it('is read-only without a withdraw action, and says so when no consent was given yet', () => {
    renderPanel();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByTestId('withdraw-all')).toBeNull();
    cleanup();
    renderPanel({
      request: { matches: [{ bankId: ICBC, bankName: '工商银行', productId: 'p1', productName: 'x' }] },
      onWithdraw: vi.fn(),
    });
    expect(screen.getByTestId('consent-none').textContent).toContain('匹配到 1 个信贷产品');
  });
});

describe('withdrawable', () => {
  it('names the banks whose consent still holds, none once all was withdrawn', () => {
    expect(withdrawable(request).map((b) => b.bankId)).toEqual([ICBC, GRCB]);
    expect(withdrawable({ consent: { ...request.consent!, status: 'withdrawn' } })).toEqual([]);
  });
});
