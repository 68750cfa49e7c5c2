/**
 * Physical units the performance table accepts, by dimension, with their factor to the dimension's base unit.
 * These are definitions of units (1 t = 1,000 kg), not policy, so they live in code; coefficients per unit are
 * data (the `energy-coefficients` reference table).
 */
export const UNITS = {
  t: { dimension: 'mass', factor: 1 },
  kg: { dimension: 'mass', factor: 0.001 },
  m3: { dimension: 'volume', factor: 1 },
  '10^4 m3': { dimension: 'volume', factor: 1e4 },
  kWh: { dimension: 'electricity', factor: 1 },
  MWh: { dimension: 'electricity', factor: 1e3 },
  '10^4 kWh': { dimension: 'electricity', factor: 1e4 },
  GJ: { dimension: 'heat', factor: 1 },
  MJ: { dimension: 'heat', factor: 1e-3 },
} as const;

export type UnitId = keyof typeof UNITS;
export const UNIT_IDS = Object.keys(UNITS) as UnitId[];

/** Chinese spellings forms commonly use, mapped to the canonical unit. */
const ALIASES: Record<string, UnitId> = {
  吨: 't',
  千克: 'kg',
  公斤: 'kg',
  立方米: 'm3',
  'm³': 'm3',
  万立方米: '10^4 m3',
  万m3: '10^4 m3',
  '万m³': '10^4 m3',
  '1e4 m3': '10^4 m3',
  千瓦时: 'kWh',
  度: 'kWh',
  万千瓦时: '10^4 kWh',
  万kWh: '10^4 kWh',
  '1e4 kWh': '10^4 kWh',
  兆瓦时: 'MWh',
  吉焦: 'GJ',
  兆焦: 'MJ',
};

/**
 * The canonical unit for a spelling, or undefined.
 * @example unitOf('万千瓦时') // '10^4 kWh'
 */
export function unitOf(text: string): UnitId | undefined {
  const t = text.trim();
  if (t in UNITS) return t as UnitId;
  return ALIASES[t];
}

/**
 * Converts a quantity between two units of one dimension; undefined across dimensions.
 * @example convert(100_000, 'kWh', '10^4 kWh') // 10
 */
export function convert(quantity: number, from: UnitId, to: UnitId): number | undefined {
  const a = UNITS[from];
  const b = UNITS[to];
  if (a.dimension !== b.dimension) return undefined;
  return (quantity * a.factor) / b.factor;
}
