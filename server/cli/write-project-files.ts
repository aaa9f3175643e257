import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { inputError } from './cli-error'
import type { FolderFile } from './read-project-folder'

/**
 * `mkdir -p`, one level at a time. Node's own `mkdir(…, { recursive: true })` never settles on some pseudo file
 * systems (a path under /proc spins forever); creating each missing ancestor alone fails fast with ENOENT/EACCES.
 */
export async function ensureDir(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined)
  if (info?.isDirectory()) return
  if (info !== undefined) throw inputError(`${path}: exists and is not a directory`)
  const parent = dirname(path)
  if (parent !== path) await ensureDir(parent)
  await mkdir(path).catch(async (error: unknown) => {
    // Another writer may have made it meanwhile; anything else is the real failure.
    if (!(await stat(path).catch(() => undefined))?.isDirectory()) throw error
  })
}

/**
 * A relative POSIX path that stays inside its folder. Paths from an update file or a spec name are checked before
 * anything is written, so a crafted `../x` can never escape the target folder.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/**
 * Writes files under `dir` all-or-nothing as far as a file system allows: every file is first written to a
 * temporary sibling, then all are renamed into place; on any failure the temporaries (and files already renamed
 * that did not exist before) are removed, so a failed command leaves no half-written project.
 */
export async function writeProjectFiles(dir: string, files: readonly FolderFile[]): Promise<void> {
  for (const file of files) {
    if (!isSafeRelativePath(file.path))
      throw inputError(`refusing to write ${JSON.stringify(file.path)}: not a safe relative path`)
  }
  const suffix = `.backplane-tmp-${randomBytes(6).toString('hex')}`
  const staged: { temp: string; final: string; existed: boolean }[] = []
  const created: string[] = []
  try {
    for (const file of files) {
      const final = join(dir, ...file.path.split('/'))
      await ensureDir(dirname(final))
      const existed = (await stat(final).catch(() => undefined)) !== undefined
      const temp = `${final}${suffix}`
      await writeFile(temp, file.text, 'utf8')
      staged.push({ temp, final, existed })
    }
    for (const { temp, final, existed } of staged) {
      await rename(temp, final)
      if (!existed) created.push(final)
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })))
    await Promise.all(created.map((path) => rm(path, { force: true })))
    throw error
  }
}

/** Writes raw bytes to `path` through a temporary sibling, so a reader never sees half a file. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await ensureDir(dirname(path))
  const temp = `${path}.backplane-tmp-${randomBytes(6).toString('hex')}`
  try {
    await writeFile(temp, bytes)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
