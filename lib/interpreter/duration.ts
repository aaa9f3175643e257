const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/**
 * Milliseconds of a format duration (`250ms`, `30s`, `5m`, `2h`, `1d`). Pure. Throws on a string the schema would
 * refuse: definitions reach the interpreter validated, so a bad one here is a bug, not user input.
 */
export function durationMs(duration: string): number {
  const match = /^([1-9][0-9]*)(ms|s|m|h|d)$/.exec(duration)
  if (!match) throw new Error(`invalid duration ${JSON.stringify(duration)}`)
  return Number(match[1]) * unitMs[match[2] as keyof typeof unitMs]
}
