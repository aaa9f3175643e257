import { resolve } from 'node:path'
import { sortProblems } from '../../../lib/problems'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { formatProblem, hasErrors } from '../format-problems'
import { readProjectFolder } from '../read-project-folder'
import { writeProjectFiles } from '../write-project-files'

export const fmtCommand: Command = {
  name: 'fmt',
  summary: 'Rewrite the project files in their canonical form',
  description:
    'Prints our JSON deterministically (UTF-8, LF, 2-space indent, trailing newline, keys in schema order, maps and\n' +
    'sets sorted; embedded JSON Schemas keep their order) and specs in their own serialization with their key\n' +
    'order. Files that do not parse are reported and left as they are; other files (unknown to Backplane) are\n' +
    'never touched. With --check nothing is written: the files that differ are listed and the exit code is 1.',
  positionals: [{ name: 'dir', description: 'Project folder' }],
  options: [{ name: 'check', type: 'boolean', description: 'Only list files that are not canonical (exit 1 if any)' }],
  examples: ['backplane fmt examples/shop', 'backplane fmt . --check'],
  async run(ctx) {
    // The core (ajv, spec parsers, Yjs) loads only when a command runs, so --help and usage errors are instant.
    const { formatProjectFiles } = await import('../project-core')
    const [dirArg = ''] = ctx.positionals
    const dir = resolve(ctx.cwd, dirArg)
    const folder = await readProjectFolder(dir, dirArg)
    const result = formatProjectFiles(folder.files)
    const before = new Map(folder.files.map((f) => [f.path, f.text]))
    const changed = result.files.filter((f) => before.get(f.path) !== f.text)
    const problems = sortProblems(result.problems)
    for (const p of problems) ctx.out.stderr(`${formatProblem(p)}\n`)
    const blocked = hasErrors(problems)
    if (ctx.flags.check === true) {
      for (const file of changed) ctx.out.stdout(`${file.path}\n`)
      if (changed.length > 0) {
        ctx.out.stderr(
          `${changed.length} file${changed.length === 1 ? '' : 's'} not canonical; run: backplane fmt ${dirArg}\n`,
        )
      }
      return changed.length > 0 || blocked ? ExitCode.invalidInput : ExitCode.ok
    }
    await writeProjectFiles(dir, changed)
    for (const file of changed) ctx.out.stdout(`formatted ${file.path}\n`)
    if (changed.length === 0 && !blocked) ctx.out.stdout('already canonical\n')
    return blocked ? ExitCode.invalidInput : ExitCode.ok
  },
}
