/** Vietnamese names of reporting periods ("tháng 9/2018", "quý III/2018", …). */

export const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

export const PERIOD_TEXT = {
  month: (month: number, year: number) => `tháng ${month}/${year}`,
  quarter: (quarter: number, year: number) => `quý ${ROMAN_QUARTERS[quarter - 1]}/${year}`,
  half: (year: number) => `6 tháng đầu năm ${year}`,
  nine: (year: number) => `9 tháng đầu năm ${year}`,
  year: (year: number) => `năm ${year}`,
  /** Names of the period types, for menus and CLI help. */
  types: {
    month: 'Tháng',
    quarter: 'Quý',
    half: '6 tháng',
    nine: '9 tháng',
    year: 'Năm',
  },
} as const;
