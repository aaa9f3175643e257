import { currentVersion } from '../schemas'
import { runUpgrades, type UpgradeResult, type UpgradeSteps } from '../upgrade-steps'

/** Steps from older process versions. v1 is the first published version, so there are none yet. */
export const processUpgrades: UpgradeSteps = {}

/** Upgrades a process value written as version `fromVersion` to the current version. Pure. */
export function upgradeProcess(
  value: Record<string, unknown>,
  fromVersion: number,
  steps: UpgradeSteps = processUpgrades,
): UpgradeResult {
  return runUpgrades(value, fromVersion, currentVersion.process, steps)
}
