/**
 * Energy savings in tce (both the equivalent 等价值 and the calorific-equivalent 当量值 value) and CO2, from physical
 * quantities and the `energy-coefficients` table. Electricity's CO2 uses the grid factor; fuels use their own.
 */
import type { EnergyCoefficients } from '../reference/tables/performance';
import { PerformanceInputError } from './errors';
import type { EnergyLine } from './model';
import { convert, unitOf } from './units';

type Coefficient = EnergyCoefficients['coefficients'][number];

/** The equivalent value for a year: the nearest earlier dated value, else the undated one, else the calorific. */
export function equivalentFor(c: Coefficient, year: number): number {
  const dated = (c.equivalentByYear ?? []).filter((d) => d.year <= year).sort((a, b) => b.year - a.year)[0];
  return dated?.value ?? c.equivalent ?? c.calorific;
}

/**
 * One energy line in tce and tCO2.
 * @example energyLine(table, { type: 'electricity', savedQuantity: 100000, unit: 'kWh' }, 2022, 0.3869)
 * // { tceCalorific: 12.29, tceEquivalent: 40.4, co2T: 38.69, … }
 */
export function energyLine(
  table: EnergyCoefficients,
  line: { type: string; savedQuantity: number; unit: string },
  year: number,
  gridKgPerKwh: number,
  path = '',
): EnergyLine {
  const c = table.coefficients.find((x) => x.type === line.type);
  if (!c)
    throw new PerformanceInputError(`unknown energy type ${line.type}`, [
      {
        path: `${path}/type`,
        message: `not in energy-coefficients (${table.coefficients.map((x) => x.type).join(', ')})`,
      },
    ]);
  const unit = unitOf(line.unit);
  const quantity = unit === undefined ? undefined : convert(line.savedQuantity, unit, c.unit as typeof unit);
  if (unit === undefined || quantity === undefined)
    throw new PerformanceInputError(`unit ${line.unit} does not fit ${line.type}`, [
      { path: `${path}/unit`, message: `${line.type} is measured in ${c.unit} or a unit convertible to it` },
    ]);
  let co2T: number | null = null;
  if (c.type === table.gridElectricityType) {
    co2T = ((convert(line.savedQuantity, unit, 'kWh') ?? 0) * gridKgPerKwh) / 1000;
  } else if (c.co2) {
    co2T = quantity * c.co2.value;
  }
  return {
    type: line.type,
    savedQuantity: line.savedQuantity,
    unit: line.unit,
    tceEquivalent: quantity * equivalentFor(c, year),
    tceCalorific: quantity * c.calorific,
    co2T,
  };
}
