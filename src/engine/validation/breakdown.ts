import type { ValidationRule } from '../types';

/**
 * A breakdown rule: parts == one total, an empty cell not taken for 0. Its total left blank while
 * parts are typed is a blank total: warned by checkRules (rules.ts), highlighted in the sheet while
 * typing (layout.ts), the same months both ways.
 */
export function breakdownTotal(rule: ValidationRule): boolean {
  return rule.operator === '==' && rule.right.length === 1 && rule.missing !== 'treatAsZero';
}
