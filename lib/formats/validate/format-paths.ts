import type { FormatKind } from '../schemas'

/** Where each format lives in a project folder (DESIGN §4). `name` is the file's stem for named formats. */
export function formatKindOfPath(path: string): { kind: FormatKind; name?: string } | undefined {
  if (path === 'backplane.json') return { kind: 'manifest' }
  if (path === 'canvas.json') return { kind: 'canvas' }
  const m =
    /^processes\/([^/]+)\.process\.json$/.exec(path) ??
    /^infra\/databases\/([^/]+)\.database\.json$/.exec(path) ??
    /^infra\/queues\/([^/]+)\.queue\.json$/.exec(path)
  if (!m) return undefined
  const kind: FormatKind = path.startsWith('processes/')
    ? 'process'
    : path.startsWith('infra/databases/')
      ? 'database'
      : 'queue'
  return { kind, name: m[1]! }
}

/** The path a named element of a format is stored at. */
export function pathOfFormat(kind: 'process' | 'database' | 'queue', name: string): string {
  return kind === 'process'
    ? `processes/${name}.process.json`
    : kind === 'database'
      ? `infra/databases/${name}.database.json`
      : `infra/queues/${name}.queue.json`
}

export const expectedPaths =
  'backplane.json, canvas.json, processes/<name>.process.json, infra/databases/<name>.database.json, infra/queues/<name>.queue.json, or an API spec under apis/ listed in backplane.json'

/** A hint for a path that is close to one of ours ("processes/a.json" → use .process.json). */
export function pathHint(path: string): string {
  if (/^processes\/[^/]+\.json$/.test(path)) return 'Process files are named processes/<name>.process.json.'
  if (/^infra\/databases\/[^/]+\.json$/.test(path))
    return 'Database files are named infra/databases/<name>.database.json.'
  if (/^infra\/queues\/[^/]+\.json$/.test(path)) return 'Queue files are named infra/queues/<name>.queue.json.'
  if (/\.(process|database|queue)\.json$/.test(path))
    return 'Put it directly in processes/, infra/databases/ or infra/queues/ (no sub-folders).'
  return `Expected one of: ${expectedPaths}.`
}
