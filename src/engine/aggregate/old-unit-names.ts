/**
 * How every message names an old unit of a merger with the unit it is now: the one place that
 * decides, from the unit list, between a renaming ("nay là", "đổi tên") and a merger ("nay thuộc",
 * "sáp nhập"), so that one run never calls the same commune both.
 */
import { type MergerNames, mergerNames } from '../../messages/vi/findings';
import { sharedCode } from '../sheet/layout';
import type { Unit } from '../types';
import { isRenamedFrom } from './succession';

/**
 * mergerNames of old unit `oldCode` (`old`: its name, null when known by code only) now in `unit`,
 * with `unit`'s code when another unit of `units` has its name.
 */
export function oldUnitNames(
  old: { name: string; kind?: string } | null,
  oldCode: string,
  unit: Pick<Unit, 'code' | 'name' | 'kind'>,
  units: readonly Unit[],
): MergerNames {
  return mergerNames(old, oldCode, unit, sharedCode(unit.code, units), isRenamedFrom(oldCode, units));
}
