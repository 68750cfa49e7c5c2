/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015): registration authority,
 * organisation type, 6-digit administrative division, 9-character organisation code, and a check character
 * computed modulo 31 over the first 17 with fixed weights. Letters I, O, Z, S and V are never used.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[1-9A-GNY][1-9]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters, or null when one of them is not in the code's charset. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '?');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check] ?? null;
}

/**
 * True for a well-formed code with the right check character.
 * @example isValidUscc('91350100M000100Y43') // true
 */
export function isValidUscc(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  return usccCheckCharacter(code.slice(0, 17)) === code[17];
}
