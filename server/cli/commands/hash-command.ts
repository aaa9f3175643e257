import { resolve } from 'node:path'
import { sortProblems } from '../../../lib/problems'
import { inputError } from '../cli-error'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { formatProblem, hasErrors } from '../format-problems'
import { readProjectFolder } from '../read-project-folder'

export const hashCommand: Command = {
  name: 'hash',
  summary: 'Print the identity of every file and of the project',
  description:
    "Prints each file's identity — sha256 of the RFC 8785 (JCS) form of its parsed content, so formatting and\n" +
    "YAML vs JSON do not change it — then the project's identity: sha256 of the JCS of {path: file identity} over\n" +
    'every file but canvas.json (layout never changes meaning). A file that does not parse has no identity: it is\n' +
    'reported and the exit code is 1.',
  positionals: [{ name: 'dir', description: 'Project folder' }],
  options: [{ name: 'json', type: 'boolean', description: 'Print {"files": {path: identity}, "project": identity}' }],
  examples: ['backplane hash examples/shop'],
  async run(ctx) {
    // The core (ajv, spec parsers, Yjs) loads only when a command runs, so --help and usage errors are instant.
    const { hashProjectFiles } = await import('../project-core')
    const [dirArg = ''] = ctx.positionals
    const folder = await readProjectFolder(resolve(ctx.cwd, dirArg), dirArg)
    if (folder.binaryFiles.length > 0) {
      throw inputError(
        `${folder.binaryFiles[0]}: not a UTF-8 text file`,
        'a project folder holds only text files; move it out',
      )
    }
    const result = await hashProjectFiles(folder.files)
    const problems = sortProblems(result.problems)
    if (hasErrors(problems)) {
      for (const p of problems) ctx.out.stderr(`${formatProblem(p)}\n`)
      return ExitCode.invalidInput
    }
    if (ctx.flags.json === true) {
      ctx.out.stdout(
        `${JSON.stringify({ files: Object.fromEntries(result.files.map((f) => [f.path, f.identity])), project: result.project }, null, 2)}\n`,
      )
      return ExitCode.ok
    }
    for (const file of result.files) ctx.out.stdout(`${file.identity}  ${file.path}\n`)
    ctx.out.stdout(`${result.project}  (project)\n`)
    return ExitCode.ok
  },
}
