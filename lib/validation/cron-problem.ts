const fields = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const

function value(text: string, field: (typeof fields)[number]): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  if ('names' in field) {
    const i = (field.names as readonly string[]).indexOf(text.toUpperCase())
    if (i >= 0) return i + (field.name === 'month' ? 1 : 0)
  }
  return undefined
}

/**
 * Why a five-field cron expression (minute hour day-of-month month day-of-week; `*`, lists, ranges, steps, month
 * and weekday names) is invalid, or undefined when it is valid. Pure.
 */
export function cronProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/)
  if (parts.length !== 5) return `it has ${parts.length} field${parts.length === 1 ? '' : 's'}; a cron expression has 5`
  for (const [i, part] of parts.entries()) {
    const field = fields[i]
    if (!field) continue
    for (const item of part.split(',')) {
      const [range = '', step, extra] = item.split('/')
      if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step)))
        return `the ${field.name} field "${part}" has a bad step`
      if (range === '*') continue
      const [from = '', to, more] = range.split('-')
      if (more !== undefined) return `the ${field.name} field "${part}" is not a value, a range or *`
      const a = value(from, field)
      const b = to === undefined ? a : value(to, field)
      if (a === undefined || b === undefined) return `the ${field.name} field "${part}" is not a value, a range or *`
      if (a < field.min || b > field.max)
        return `the ${field.name} field "${part}" is outside ${field.min}–${field.max}`
      if (a > b) return `the ${field.name} field "${part}" is a backwards range`
    }
  }
  return undefined
}

/** True when the runtime knows the IANA time zone (Intl throws a RangeError otherwise). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}
