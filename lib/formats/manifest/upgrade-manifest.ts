import { currentVersion } from '../schemas'
import { runUpgrades, type UpgradeResult, type UpgradeSteps } from '../upgrade-steps'

/** Steps from older manifest versions. v1 is the first published version, so there are none yet. */
export const manifestUpgrades: UpgradeSteps = {}

/** Upgrades a manifest value written as version `fromVersion` to the current version. Pure. */
export function upgradeManifest(
  value: Record<string, unknown>,
  fromVersion: number,
  steps: UpgradeSteps = manifestUpgrades,
): UpgradeResult {
  return runUpgrades(value, fromVersion, currentVersion.manifest, steps)
}
