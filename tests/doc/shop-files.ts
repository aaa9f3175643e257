import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** A project folder on disk as path → text (the shape importProject takes). */
export function readFolder(dir: string, root = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) readFolder(path, root, out)
    else out[relative(root, path)] = readFileSync(path, 'utf8')
  }
  return out
}

/** examples/shop: REST + event APIs, processes of every trigger kind, a database, queues with dead-lettering. */
export function shopFiles(): Record<string, string> {
  return readFolder(join(import.meta.dirname, '../../examples/shop'))
}

/** Id of the entity of `kind` named `name` in a shop file set. */
export function idIn(files: Record<string, string>, path: string): string {
  return (JSON.parse(files[path] as string) as { id: string }).id
}
