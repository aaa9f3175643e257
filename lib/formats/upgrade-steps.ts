/**
 * Version upgrades of one format: `steps[n]` turns a value of version n into version n + 1 (and sets its
 * `format`). Pure. The chain runs from the file's version to the current one; a missing step is an unknown version.
 */
export type UpgradeSteps = Readonly<Record<number, (value: Record<string, unknown>) => Record<string, unknown>>>

export type UpgradeResult = { value: Record<string, unknown>; upgraded: boolean } | { missingStep: number }

export function runUpgrades(
  value: Record<string, unknown>,
  fromVersion: number,
  toVersion: number,
  steps: UpgradeSteps,
): UpgradeResult {
  let current = value
  for (let v = fromVersion; v < toVersion; v++) {
    const step = steps[v]
    if (!step) return { missingStep: v }
    current = step(current)
  }
  return { value: current, upgraded: fromVersion < toVersion }
}
