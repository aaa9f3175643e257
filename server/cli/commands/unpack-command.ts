import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { sortProblems } from '../../../lib/problems'
import { inputError } from '../cli-error'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { formatProblem, hasErrors } from '../format-problems'
import { isAbsentOrEmpty, readProjectFolder } from '../read-project-folder'
import { isSafeRelativePath, writeProjectFiles } from '../write-project-files'

export const unpackCommand: Command = {
  name: 'unpack',
  summary: 'Turn a Yjs update back into a project folder',
  description:
    'Loads the update into a fresh Y.Doc and exports the project files (exportProject) into <dir>. Refuses a\n' +
    'folder that is not empty unless --force; with --force the folder is made equal to the exported project\n' +
    '(files of the project are overwritten, other files removed; hidden files, .git and node_modules are kept).',
  positionals: [{ name: 'file', description: 'Yjs update file (from backplane pack)' }],
  options: [
    { name: 'output', short: 'o', type: 'string', value: '<dir>', description: 'Folder to write', required: true },
    { name: 'force', type: 'boolean', description: 'Write into a non-empty folder, replacing its project files' },
  ],
  examples: ['backplane unpack shop.yjs -o shop', 'backplane unpack shop.yjs -o shop --force'],
  async run(ctx) {
    // The core (ajv, spec parsers, Yjs) loads only when a command runs, so --help and usage errors are instant.
    const { unpackUpdate } = await import('../project-core')
    const [fileArg = ''] = ctx.positionals
    const outputArg = ctx.strings.output ?? ''
    const dir = resolve(ctx.cwd, outputArg)
    const bytes = await readUpdateFile(resolve(ctx.cwd, fileArg), fileArg)
    const force = ctx.flags.force === true
    if (!force && !(await isAbsentOrEmpty(dir, outputArg))) {
      throw inputError(
        `${outputArg}: folder is not empty`,
        'choose an empty folder, or pass --force to replace its project files',
      )
    }
    const result = unpackUpdate(bytes)
    const problems = sortProblems(result.problems)
    for (const p of problems) ctx.out.stderr(`${formatProblem(p)}\n`)
    if (result.files === undefined) {
      if (result.error === undefined && hasErrors(problems)) return ExitCode.invalidInput
      throw inputError(
        `${fileArg}: ${result.error ?? 'not a Backplane design document'}`,
        'pass a file written by: backplane pack <dir> -o <file>',
      )
    }
    if (hasErrors(problems)) return ExitCode.invalidInput
    const unsafe = result.files.find((f) => !isSafeRelativePath(f.path))
    if (unsafe !== undefined)
      throw inputError(`${fileArg}: holds a file path that leaves the folder: ${JSON.stringify(unsafe.path)}`)
    const removed =
      force && (await stat(dir).catch(() => undefined)) !== undefined ? await staleFiles(dir, result.files) : []
    await writeProjectFiles(dir, result.files)
    for (const path of removed) {
      await rm(join(dir, ...path.split('/')), { force: true })
      await removeEmptyParents(dir, path)
    }
    ctx.out.stdout(`unpacked ${result.files.length} files into ${outputArg}\n`)
    for (const path of removed) ctx.out.stdout(`  removed ${path}\n`)
    return ExitCode.ok
  },
}

async function readUpdateFile(path: string, label: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => undefined)
  if (info === undefined) throw inputError(`${label}: no such file`)
  if (!info.isFile()) throw inputError(`${label}: not a file`)
  return new Uint8Array(await readFile(path))
}

/** Files of the existing folder that the exported project does not have. */
async function staleFiles(dir: string, files: readonly { path: string }[]): Promise<string[]> {
  const keep = new Set(files.map((f) => f.path))
  const existing = await readProjectFolder(dir)
  // Hidden files (.gitignore, .env, editor state) are not part of a project for lib/formats either: never removed.
  const hidden = (path: string) => path.split('/').some((segment) => segment.startsWith('.'))
  return [...existing.files.map((f) => f.path), ...existing.binaryFiles].filter(
    (path) => !keep.has(path) && !hidden(path),
  )
}

/** Removes the folders that removing `path` left empty, up to (not including) `dir`. */
async function removeEmptyParents(dir: string, path: string): Promise<void> {
  const segments = path.split('/').slice(0, -1)
  while (segments.length > 0) {
    const folder = join(dir, ...segments)
    const entries = await readdir(folder).catch(() => undefined)
    if (entries === undefined || entries.length > 0) return
    await rmdir(folder)
    segments.pop()
  }
}
