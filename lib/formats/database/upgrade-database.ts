import { currentVersion } from '../schemas'
import { runUpgrades, type UpgradeResult, type UpgradeSteps } from '../upgrade-steps'

/** Steps from older database versions. v1 is the first published version, so there are none yet. */
export const databaseUpgrades: UpgradeSteps = {}

/** Upgrades a database value written as version `fromVersion` to the current version. Pure. */
export function upgradeDatabase(
  value: Record<string, unknown>,
  fromVersion: number,
  steps: UpgradeSteps = databaseUpgrades,
): UpgradeResult {
  return runUpgrades(value, fromVersion, currentVersion.database, steps)
}
