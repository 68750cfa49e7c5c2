import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  numberRegion,
  publicStatus,
  validUntil,
} from '../../../../../lambdas/core/certificates/model';
import { starter } from '../reference/starter';

describe('certificate validity', () => {
  it('runs 5 years by default (Guangzhou practice), through the day before the anniversary', () => {
    expect(starter('certificate-policy').content.validityYears.value).toBe(5);
    expect(validUntil('2026-11-28', 5)).toBe('2031-11-27');
    expect(validUntil('2026-01-01', 1)).toBe('2026-12-31');
    expect(validUntil('2024-02-29', 1)).toBe('2025-02-28');
    expect(validUntil('2024-02-29', 4)).toBe('2028-02-28');
  });

  it('dates certificates in China time', () => {
    expect(chinaDate(Date.parse('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(chinaDate(Date.parse('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it('shows valid, expired or revoked', () => {
    expect(publicStatus({ status: 'valid', validUntil: '2031-11-27' }, '2031-11-27')).toBe('valid');
    expect(publicStatus({ status: 'valid', validUntil: '2031-11-27' }, '2031-11-28')).toBe('expired');
    expect(publicStatus({ status: 'revoked', validUntil: '2031-11-27' }, '2027-01-01')).toBe('revoked');
  });
});

describe('certificate numbers', () => {
  it('carry the case’s region at the policy level, or the deepest above it', () => {
    const path = '86/440000/440100/440112/440112400/';
    expect(numberRegion(path, 'city')).toBe('440100');
    expect(numberRegion(path, 'province')).toBe('440000');
    expect(numberRegion(path, 'district')).toBe('440112');
    expect(numberRegion('86/440000/', 'district')).toBe('440000');
  });
});
