import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BankAnswer, Referral } from '../../../web/src/api/lifecycleTypes';
import type { Locale } from '../../../web/src/i18n/I18nContext';
import { I18nProvider } from '../../../web/src/i18n/I18nContext';
import { slaOf } from '../../../web/src/pages/referrals/sla';
import { SlaBadge } from '../../../web/src/pages/referrals/SlaBadge';

afterEach(cleanup);

const DAY = 86_400_000;
const delivered = '2026-11-01T00:00:00.000Z';
const at = (days: number) => Date.parse(delivered) + days * DAY;
const iso = (days: number) => new Date(at(days)).toISOString();

type R = Pick<Referral, 'status' | 'createdAt' | 'answers'>;
const referral = (status: Referral['status'], answers: Partial<BankAnswer>[] = []): R => ({
  status,
  createdAt: delivered,
  answers: answers.map((a) => ({
    decision: 'approve',
    submissionId: 's',
    answeredBy: 'u',
    answeredAt: iso(1),
    ...a,
  })),
});

describe('slaOf', () => {
  it('counts the days since delivery against the policy deadline while it is the bank’s turn', () => {
    expect(slaOf(referral('delivered'), { answerDays: 10, now: at(3) })).toEqual({
      state: 'ok',
      elapsedDays: 3,
      dueAt: iso(10),
      leftDays: 7,
    });
  });

  it('warns within two days of the deadline and turns overdue after it', () => {
    expect(slaOf(referral('delivered'), { answerDays: 10, now: at(8.5) })).toMatchObject({
      state: 'soon',
      leftDays: 2,
    });
    expect(slaOf(referral('delivered'), { answerDays: 10, now: at(12.2) })).toMatchObject({
      state: 'overdue',
      elapsedDays: 12,
      lateDays: 3,
    });
  });

  it('takes the open answer step’s due date over the policy (the clock restarts after information)', () => {
    const sla = slaOf(referral('info-provided'), { answerDays: 10, dueAt: iso(20), now: at(14) });
    expect(sla).toMatchObject({ state: 'ok', dueAt: iso(20), leftDays: 6, elapsedDays: 14 });
  });

  it('pauses while the enterprise owes information', () => {
    expect(slaOf(referral('info-requested'), { answerDays: 10, now: at(30) }).state).toBe('waiting');
  });

  it('judges an answered referral by its first answer', () => {
    const onTime = referral('declined', [
      { decision: 'request-info', answeredAt: iso(4) },
      { decision: 'decline', answeredAt: iso(25) },
    ]);
    expect(slaOf(onTime, { answerDays: 10, now: at(40) })).toEqual({
      state: 'on-time',
      elapsedDays: 4,
      dueAt: iso(10),
    });
    const late = referral('approved', [{ answeredAt: iso(11.5) }]);
    expect(slaOf(late, { answerDays: 10, now: at(40) })).toEqual({
      state: 'late',
      elapsedDays: 11,
      dueAt: iso(10),
      lateDays: 2,
    });
  });

  it('closes on a timeout or a withdrawn consent', () => {
    expect(slaOf(referral('no-answer'), { answerDays: 10, now: at(31) }).state).toBe('expired');
    expect(slaOf(referral('withdrawn'), { answerDays: 10, now: at(5) }).state).toBe('closed');
  });

  it('without a deadline, only counts', () => {
    expect(slaOf(referral('delivered'), { now: at(2) })).toEqual({ state: 'ok', elapsedDays: 2 });
  });
});

function renderBadge(
  r: R,
  options: { dueAt?: string; answerDays?: number; now: number },
  locale: Locale = 'zh',
) {
  render(
    <I18nProvider initial={locale} scoped>
      <SlaBadge referral={r} {...options} />
    </I18nProvider>,
  );
  return screen.getByTestId('sla-badge');
}

describe('SlaBadge', () => {
  it('shows days since delivery and days left, in Chinese by default', () => {
    const badge = renderBadge(referral('delivered'), { answerDays: 10, now: at(3) });
    expect(badge.textContent).toBe('已送达 3 天 · 剩 7 天');
    expect(badge.getAttribute('data-sla')).toBe('ok');
    expect(badge.getAttribute('aria-label')).toContain('答复期限');
  });

  it('shows an overdue referral in red, in English on request', () => {
    const badge = renderBadge(referral('delivered'), { dueAt: iso(10), now: at(13) }, 'en');
    expect(badge.textContent).toBe('Delivered 13 d ago · 3 d overdue');
    expect(badge.getAttribute('data-sla')).toBe('overdue');
    expect(badge.className).toContain('colorError');
  });

  it('shows how fast an answered referral was answered', () => {
    const badge = renderBadge(referral('approved', [{ answeredAt: iso(6) }]), {
      answerDays: 10,
      now: at(20),
    });
    expect(badge.textContent).toBe('6 天内答复 · 按时');
    expect(badge.getAttribute('data-sla')).toBe('on-time');
  });
});
