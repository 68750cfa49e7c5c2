import { isValidUscc } from '../identity/uscc';

/** GB/T 4754-2017: section letter A–T, then optionally division (2 digits), group (3) or class (4). */
const INDUSTRY_CODE = /^[A-T](\d{2}(\d{1,2})?)?$/;
/** GB/T 2260 administrative division codes, from province (2 digits) down to village committee (12). */
const REGION_CODE = /^\d{2,12}$/;
/** Mainland mobile numbers: 11 digits, 1 then a network digit 3–9. */
const MOBILE_CN = /^1[3-9]\d{9}$/;
/**
 * Landlines need their trunk-prefixed area code (010, 020–029 or 0 + 3 digits), an optional hyphen, a local
 * number of 7–8 digits that never starts with 0 or 1, and an optional `-extension`.
 */
const LANDLINE_CN = /^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$/;

/** The custom formats, by name, each a precise check (not a shape guess). */
export const CUSTOM_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  uscc: isValidUscc,
  'industry-code': (v) => INDUSTRY_CODE.test(v),
  'region-code': (v) => REGION_CODE.test(v),
  'mobile-cn': (v) => MOBILE_CN.test(v),
  'phone-cn': (v) => MOBILE_CN.test(v) || LANDLINE_CN.test(v),
};

/**
 * True when `name` is one of cpflow's custom formats.
 * @example isCustomFormat('uscc') // true
 */
export function isCustomFormat(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(CUSTOM_FORMATS, name);
}
