import { resolve } from 'node:path'
import { sortProblems } from '../../../lib/problems'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { formatProblem, hasErrors, summarizeProblems } from '../format-problems'
import { readProjectFolder } from '../read-project-folder'

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a project folder: formats, specs and cross-file rules',
  description:
    'Validates every file of the project: our JSON against its schema, OpenAPI/AsyncAPI documents, and the rules\n' +
    'between files (triggers, database use, queues, process calls, the node graph, expressions). Prints each\n' +
    'problem as "file:line:column severity rule message" with a hint. Exits 1 when there is an error; warnings\n' +
    'alone exit 0.',
  positionals: [{ name: 'dir', description: 'Project folder' }],
  options: [{ name: 'json', type: 'boolean', description: 'Print the problems as a JSON array (DESIGN §4 Problem)' }],
  examples: ['backplane validate examples/shop', 'backplane validate . --json > problems.json'],
  async run(ctx) {
    // The core (ajv, spec parsers, Yjs) loads only when a command runs, so --help and usage errors are instant.
    const { binaryFileProblems, validateProjectFiles } = await import('../project-core')
    const [dirArg = ''] = ctx.positionals
    const folder = await readProjectFolder(resolve(ctx.cwd, dirArg), dirArg)
    const problems = sortProblems([
      ...binaryFileProblems(folder.binaryFiles),
      ...(await validateProjectFiles(folder.files)),
    ])
    if (ctx.flags.json === true) {
      ctx.out.stdout(`${JSON.stringify(problems, null, 2)}\n`)
    } else {
      for (const p of problems) ctx.out.stdout(`${formatProblem(p)}\n`)
      const fileCount = folder.files.length + folder.binaryFiles.length
      const verdict = hasErrors(problems) ? 'invalid' : 'valid'
      ctx.out.stdout(
        `${dirArg}: ${verdict} — ${summarizeProblems(problems)} in ${fileCount} file${fileCount === 1 ? '' : 's'}\n`,
      )
    }
    return hasErrors(problems) ? ExitCode.invalidInput : ExitCode.ok
  },
}
