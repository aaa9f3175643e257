import { currentVersion } from '../schemas'
import { runUpgrades, type UpgradeResult, type UpgradeSteps } from '../upgrade-steps'

/** Steps from older queue versions. v1 is the first published version, so there are none yet. */
export const queueUpgrades: UpgradeSteps = {}

/** Upgrades a queue value written as version `fromVersion` to the current version. Pure. */
export function upgradeQueue(
  value: Record<string, unknown>,
  fromVersion: number,
  steps: UpgradeSteps = queueUpgrades,
): UpgradeResult {
  return runUpgrades(value, fromVersion, currentVersion.queue, steps)
}
