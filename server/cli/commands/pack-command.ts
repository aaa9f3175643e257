import { resolve } from 'node:path'
import { sortProblems } from '../../../lib/problems'
import { inputError } from '../cli-error'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { formatProblem } from '../format-problems'
import { readProjectFolder } from '../read-project-folder'
import { writeFileAtomic } from '../write-project-files'

export const packCommand: Command = {
  name: 'pack',
  summary: 'Turn a project folder into a Yjs update (the live document)',
  description:
    'Imports every file of the folder into a live design document (a Y.Doc) and writes its state as one Yjs\n' +
    'update (Y.encodeStateAsUpdate). An invalid design is packed as it is (the live document may be invalid;\n' +
    'validate says why), and a file that does not parse is kept verbatim; what import noticed is printed.',
  positionals: [{ name: 'dir', description: 'Project folder' }],
  options: [
    {
      name: 'output',
      short: 'o',
      type: 'string',
      value: '<file>',
      description: 'Update file to write',
      required: true,
    },
  ],
  examples: ['backplane pack examples/shop -o shop.yjs'],
  async run(ctx) {
    // The core (ajv, spec parsers, Yjs) loads only when a command runs, so --help and usage errors are instant.
    const { packProjectFiles } = await import('../project-core')
    const [dirArg = ''] = ctx.positionals
    const outputArg = ctx.strings.output ?? ''
    const folder = await readProjectFolder(resolve(ctx.cwd, dirArg), dirArg)
    if (folder.binaryFiles.length > 0) {
      throw inputError(
        `${folder.binaryFiles[0]}: not a UTF-8 text file; a design document holds only text files`,
        'move it out of the project folder (nothing is ever dropped silently)',
      )
    }
    const result = packProjectFiles(folder.files)
    const problems = sortProblems(result.problems)
    for (const p of problems) ctx.out.stderr(`${formatProblem(p)}\n`)
    if (problems.length > 0) {
      ctx.out.stderr(`packed as it is (files that do not parse are kept verbatim); see: backplane validate ${dirArg}\n`)
    }
    await writeFileAtomic(resolve(ctx.cwd, outputArg), result.update)
    ctx.out.stdout(`packed ${folder.files.length} files into ${outputArg} (${result.update.byteLength} bytes)\n`)
    return ExitCode.ok
  },
}
