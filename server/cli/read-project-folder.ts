import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { inputError } from './cli-error'

/** One file of a project folder: its relative POSIX path and its UTF-8 text (a BOM, if any, is kept). */
export type FolderFile = { path: string; text: string }

export type ProjectFolder = {
  /** Every readable text file, sorted by path. */
  files: FolderFile[]
  /** Files that are not valid UTF-8: no Backplane format can hold them, and commands say so instead of dropping them. */
  binaryFiles: string[]
}

/** Folders that are never part of a project, at any depth. */
const skippedFolders = new Set(['.git', 'node_modules'])

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Reads every file under `dir` (skipping .git and node_modules). A missing folder or a file path is an input error
 * (exit 1) naming the path. Symlinked files are read; symlinked folders are followed once (a loop is skipped).
 */
export async function readProjectFolder(dir: string, label = dir): Promise<ProjectFolder> {
  await assertDirectory(dir, label)
  const files: FolderFile[] = []
  const binaryFiles: string[] = []
  const seenDirs = new Set<string>()

  async function walk(absolute: string, relative: string): Promise<void> {
    const info = await stat(absolute)
    const key = `${info.dev}:${info.ino}`
    if (seenDirs.has(key)) return
    seenDirs.add(key)
    const entries = await readdir(absolute, { withFileTypes: true })
    for (const entry of entries) {
      const childAbsolute = join(absolute, entry.name)
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`
      let isDir = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        const target = await stat(childAbsolute).catch(() => undefined)
        isDir = target?.isDirectory() ?? false
        isFile = target?.isFile() ?? false
      }
      if (isDir) {
        if (!skippedFolders.has(entry.name)) await walk(childAbsolute, childRelative)
      } else if (isFile) {
        const bytes = await readFile(childAbsolute)
        try {
          files.push({ path: childRelative, text: utf8.decode(bytes) })
        } catch {
          binaryFiles.push(childRelative)
        }
      }
    }
  }

  await walk(dir, '')
  files.sort((a, b) => compareCodeUnits(a.path, b.path))
  binaryFiles.sort(compareCodeUnits)
  return { files, binaryFiles }
}

/** `label` is the path as the user typed it, for messages. */
export async function assertDirectory(dir: string, label = dir): Promise<void> {
  const info = await stat(dir).catch(() => undefined)
  if (info === undefined)
    throw inputError(`${label}: no such directory`, 'check the path, or create a project with: backplane new <dir>')
  if (!info.isDirectory())
    throw inputError(`${label}: not a directory`, 'pass the project folder (the one holding backplane.json)')
}

/** True when `dir` does not exist or holds nothing at all. */
export async function isAbsentOrEmpty(dir: string, label = dir): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined)
  if (info === undefined) return true
  if (!info.isDirectory()) throw inputError(`${label}: exists and is not a directory`)
  return (await readdir(dir)).length === 0
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
