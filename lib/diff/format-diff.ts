import type { Change, ProjectDiff } from './change'

const symbol: Record<Change['kind'], string> = { added: '+', removed: '-', changed: '~' }

/**
 * The diff for a terminal: changes grouped by file, one line each (`+` added, `-` removed, `~` changed), breaking
 * ones marked with their reason, then a count. Pure; same diff, same text.
 */
export function formatDiff(diff: ProjectDiff): string {
  if (diff.changes.length === 0) return 'no changes\n'
  let out = ''
  let file: string | undefined
  for (const change of diff.changes) {
    if (change.file !== file) {
      file = change.file
      out += `${file}\n`
    }
    const mark = change.breaking ? `  BREAKING (${change.breaking})` : ''
    out += `  ${symbol[change.kind]} ${change.message}${mark}\n`
  }
  const n = diff.changes.length
  out += `${n} change${n === 1 ? '' : 's'}, ${diff.breaking} breaking\n`
  return out
}
