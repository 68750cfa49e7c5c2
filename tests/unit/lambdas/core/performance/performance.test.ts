/**
 * The performance table from physical quantities, figures computed by hand from the starter tables (DOMAIN §6).
 * The economic formulas themselves are tested in tests/unit/lambdas/core/forms/finance.test.ts; here the worked
 * examples of DOMAIN §2 go through cp-performance's option appraisal.
 */
import { describe, expect, it } from 'vitest';
import { computePerformance } from '../../../../../lambdas/core/performance/compute';
import { energyLine } from '../../../../../lambdas/core/performance/energy';
import { pickGridFactor } from '../../../../../lambdas/core/performance/grid';
import type { PerformanceInput } from '../../../../../lambdas/core/performance/model';
import { PerformancePayload } from '../../../../../lambdas/core/performance/model';
import { round } from '../../../../../lambdas/core/forms/finance';
import { starter } from '../reference/starter';

const coefficients = starter('energy-coefficients');
const grid = starter('grid-emission-factors');
const policy = starter('performance-policy');
const tables = { coefficients, grid, policy };
const input = (x: Record<string, unknown>): PerformanceInput =>
  PerformancePayload.parse({ caseId: 'case_x', year: 2022, ...x });

describe('energyLine', () => {
  it('converts 100,000 kWh saved: 12.29 tce calorific (0.1229), 40.4 tce equivalent (4.04/10⁴), 38.69 t CO2 at 0.3869', () => {
    const e = energyLine(
      coefficients.content,
      { type: 'electricity', savedQuantity: 100_000, unit: 'kWh' },
      2022,
      0.3869,
    );
    expect(e.tceCalorific).toBeCloseTo(12.29, 10);
    expect(e.tceEquivalent).toBeCloseTo(40.4, 10);
    expect(e.co2T).toBeCloseTo(38.69, 10);
  });

  it('converts 200 t raw coal: 142.86 tce (0.7143) and 380.06 t CO2 (1.9003)', () => {
    const e = energyLine(
      coefficients.content,
      { type: 'raw-coal', savedQuantity: 200, unit: 't' },
      2022,
      0.5,
    );
    expect(e.tceCalorific).toBeCloseTo(142.86, 10);
    expect(e.tceEquivalent).toBeCloseTo(142.86, 10);
    expect(e.co2T).toBeCloseTo(380.06, 10);
  });

  it('converts 50,000 m³ natural gas (5 × 10⁴ m³ × 12.143 = 60.715 tce) and 1,000 kg diesel (1.4571 tce)', () => {
    const gas = energyLine(
      coefficients.content,
      { type: 'natural-gas', savedQuantity: 50_000, unit: 'm3' },
      2022,
      0.5,
    );
    expect(gas.tceCalorific).toBeCloseTo(60.715, 10);
    expect(gas.co2T).toBeCloseTo(108.1095, 10);
    const diesel = energyLine(
      coefficients.content,
      { type: 'diesel', savedQuantity: 1000, unit: '千克' },
      2022,
      0.5,
    );
    expect(diesel.tceCalorific).toBeCloseTo(1.4571, 10);
  });

  it('uses a dated equivalent value for electricity when the table has one for the year or earlier', () => {
    const table = structuredClone(coefficients.content);
    table.coefficients[0]!.equivalentByYear = [{ year: 2020, value: 3.0, source: 'test' }];
    const line = (year: number) =>
      energyLine(table, { type: 'electricity', savedQuantity: 1, unit: '10^4 kWh' }, year, 0.5).tceEquivalent;
    expect(line(2022)).toBe(3.0);
    expect(line(2019)).toBe(4.04);
  });

  it('refuses a unit of another dimension and an unknown type as Performance.InvalidInput', () => {
    expect(() =>
      energyLine(
        coefficients.content,
        { type: 'electricity', savedQuantity: 1, unit: 't' },
        2022,
        0.5,
        '/energy/0',
      ),
    ).toThrow(
      expect.objectContaining({
        name: 'Performance.InvalidInput',
        details: [expect.objectContaining({ path: '/energy/0/unit' })],
      }),
    );
    expect(() =>
      energyLine(coefficients.content, { type: 'uranium', savedQuantity: 1, unit: 't' }, 2022, 0.5),
    ).toThrow(expect.objectContaining({ name: 'Performance.InvalidInput' }));
  });
});

describe('pickGridFactor', () => {
  const g = grid.content;

  it('takes the South grid for a Guangzhou town, falling back to 2022 for 2023 (not in the retrieved excerpt)', () => {
    const f = pickGridFactor(g, '440112400', 2023);
    expect(f).toMatchObject({ value: 0.3869, scope: 'grid', region: 'south', year: 2022 });
    expect(f.fallback).toEqual([
      'province 440000 has no factor for 2023 or earlier',
      'grid south has no 2023 factor: used 2022',
    ]);
  });

  it('takes the exact region and year when the table has them', () => {
    expect(pickGridFactor(g, '110105', 2023)).toMatchObject({ value: 0.6361, region: 'north', year: 2023 });
    expect(pickGridFactor(g, 'east', 2022)).toMatchObject({
      value: 0.5617,
      region: 'east',
      year: 2022,
      fallback: [],
    });
  });

  it('falls back to the national factor when the region has none, and to the nearest earlier year', () => {
    expect(pickGridFactor(g, 'national', 2022).value).toBe(0.5366);
    expect(pickGridFactor(g, undefined, 2025)).toMatchObject({
      value: 0.5306,
      year: 2023,
      region: 'national',
    });
    expect(pickGridFactor(g, '440000', 2021)).toMatchObject({
      value: 0.5568,
      region: 'national',
      year: 2021,
    });
  });

  it('takes the earliest national factor for a year before every series, and says so', () => {
    const f = pickGridFactor(g, '440100', 2015);
    expect(f).toMatchObject({ value: 0.5568, year: 2021, region: 'national' });
    expect(f.fallback.at(-1)).toBe('used the earliest national factor, 2021');
  });
});

describe('computePerformance', () => {
  it('reproduces DOMAIN §2 worked example 1 through the option appraisal: I = 150, F = 32.5, 10 years at 5 % → NPV ≈ 101, IRR ≈ 17.3 %', () => {
    const p = computePerformance(
      input({
        options: [
          { id: 'E1', cost: 'mid-high', investment: 150, cashFlow: 32.5, lifeYears: 10, discountRate: 0.05 },
        ],
      }),
      tables,
    );
    const e1 = p.appraisal[0]!;
    expect(e1.npv).toBeCloseTo(100.96, 2);
    expect(round(e1.npv, 0)).toBe(101);
    expect(round(e1.irr, 1)).toBe(17.3);
    expect(e1.npvr).toBeCloseTo(67.3, 1);
  });

  it('reproduces worked example 2 with the policy defaults (Y = 10, tax 25 %): I = 10, P = 1.58 → F = 1.435, N ≈ 6.97 years', () => {
    const p = computePerformance(
      input({
        options: [{ id: 'E2', cost: 'mid-high', investment: 10, annualBenefit: 1.58, discountRate: 0.06 }],
      }),
      tables,
    );
    const e2 = p.appraisal[0]!;
    expect(e2.cashFlow).toBe(1.435);
    expect(round(e2.payback, 2)).toBe(6.97);
    expect(round(e2.npv, 2)).toBe(0.56);
    expect(round(e2.irr, 1)).toBe(7.2);
    expect(e2).toMatchObject({ lifeYears: 10, discountRate: 0.06 });
  });

  it('sums a whole table by hand: energy, CO2, water, materials, pollutants, options and benefit', () => {
    const p = computePerformance(
      input({
        regionCode: '440112',
        year: 2023,
        energy: [
          { type: 'electricity', savedQuantity: 10, unit: '万千瓦时' },
          { type: 'raw-coal', savedQuantity: 200, unit: 't' },
          { type: 'steam', savedQuantity: 100, unit: 't' },
        ],
        water: { freshWaterSavedT: 3200 },
        materials: [
          { name: '镍板', savedT: 0.8 },
          { name: '盐酸', savedT: 1.2 },
        ],
        pollutants: [
          { code: 'COD', reducedT: 1.5 },
          { code: 'COD', reducedT: 0.5 },
          { code: 'heavy-metals', reducedT: 0.02 },
        ],
        options: [
          { id: 'F1', cost: 'no-low', investment: 0.5, annualBenefit: 2.1, implemented: true },
          { id: 'F2', cost: 'no-low', investment: 0, annualBenefit: 0.4, implemented: false },
          { id: 'Z1', cost: 'mid-high', investment: 150, annualBenefit: 40, implemented: true },
        ],
      }),
      tables,
    );
    // 12.29 + 142.86 + 12.86 (steam 0.1286) calorific; 40.4 + 142.86 + 12.86 equivalent
    expect(p.tce).toEqual({ calorific: 168.01, equivalent: 196.12 });
    // electricity 100,000 kWh × 0.3869 (South 2022) = 38.69 t; coal 380.06 t; steam has no factor
    expect(p.co2).toEqual({ electricityT: 38.69, fuelsT: 380.06, uncounted: ['steam'] });
    expect(p.co2T).toBe(418.75);
    expect(p.waterT).toBe(3200);
    expect(p.materialsT).toBe(2);
    expect(p.pollutants).toMatchObject({ COD: 2, 'heavy-metals': 0.02, SO2: 0 });
    expect(p.economicBenefit).toBe(42.1); // implemented only: 2.1 + 40
    expect(p.options).toEqual({
      noLow: { count: 2, implemented: 1, investment: 0.5, implementedInvestment: 0.5 },
      midHigh: { count: 1, implemented: 1, investment: 150, implementedInvestment: 150 },
    });
    expect(p.factors).toEqual({
      coal: 'energy-coefficients@0',
      grid: 'grid-emission-factors@0 south 2022',
      policy: 'performance-policy@0',
    });
  });

  it('counts every option in the benefit when the policy says so', () => {
    const all = {
      ...policy,
      content: { ...policy.content, economicBenefit: { counts: 'all' as const, source: 't' } },
    };
    const p = computePerformance(
      input({
        options: [
          { id: 'a', cost: 'no-low', annualBenefit: 1, implemented: false },
          { id: 'b', cost: 'no-low', annualBenefit: 2, implemented: true },
        ],
      }),
      { ...tables, policy: all },
    );
    expect(p.economicBenefit).toBe(3);
  });

  it('refuses a pollutant code the policy does not list', () => {
    expect(() => computePerformance(input({ pollutants: [{ code: 'CO', reducedT: 1 }] }), tables)).toThrow(
      expect.objectContaining({
        name: 'Performance.InvalidInput',
        details: [expect.objectContaining({ path: '/pollutants/0/code' })],
      }),
    );
  });
});
