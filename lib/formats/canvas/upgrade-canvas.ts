import { currentVersion } from '../schemas'
import { runUpgrades, type UpgradeResult, type UpgradeSteps } from '../upgrade-steps'

/** Steps from older canvas versions. v1 is the first published version, so there are none yet. */
export const canvasUpgrades: UpgradeSteps = {}

/** Upgrades a canvas value written as version `fromVersion` to the current version. Pure. */
export function upgradeCanvas(
  value: Record<string, unknown>,
  fromVersion: number,
  steps: UpgradeSteps = canvasUpgrades,
): UpgradeResult {
  return runUpgrades(value, fromVersion, currentVersion.canvas, steps)
}
