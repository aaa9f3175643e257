import { basename, join, resolve } from 'node:path'
import { inputError } from '../cli-error'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { isAbsentOrEmpty } from '../read-project-folder'
import { ensureDir, writeProjectFiles } from '../write-project-files'

/** The empty folders of a new project: where `add-api` and the editor put files. */
const projectFolders = ['apis', 'processes', 'infra/databases', 'infra/queues']

export const newCommand: Command = {
  name: 'new',
  summary: 'Create an empty project folder',
  description:
    'Creates <dir> (or fills an empty one) with backplane.json (a fresh project id), canvas.json and the empty\n' +
    'apis/, processes/, infra/databases/ and infra/queues/ folders. Refuses a folder that already has files.',
  positionals: [{ name: 'dir', description: 'Folder to create (must not exist, or be empty)' }],
  options: [{ name: 'name', type: 'string', value: '<name>', description: 'Project name (default: the folder name)' }],
  examples: ['backplane new shop', 'backplane new ./projects/shop --name "Online shop"'],
  async run(ctx) {
    // The core (ajv, spec parsers, Yjs) loads only when a command runs, so --help and usage errors are instant.
    const { newProjectFiles } = await import('../project-core')
    const [dirArg = ''] = ctx.positionals
    const dir = resolve(ctx.cwd, dirArg)
    if (!(await isAbsentOrEmpty(dir, dirArg))) {
      throw inputError(`${dirArg}: folder is not empty`, 'choose a new folder name, or empty this folder first')
    }
    const name = (ctx.strings.name ?? basename(dir)).trim()
    if (name.length > 200) throw inputError(`--name: ${name.length} characters, at most 200 allowed`)
    const { files, projectId } = newProjectFiles({ name })
    await ensureDir(dir)
    for (const folder of projectFolders) await ensureDir(join(dir, folder))
    await writeProjectFiles(dir, files)
    ctx.out.stdout(`Created project ${JSON.stringify(name)} (${projectId}) in ${dirArg}\n`)
    for (const file of files) ctx.out.stdout(`  ${file.path}\n`)
    for (const folder of projectFolders) ctx.out.stdout(`  ${folder}/\n`)
    ctx.out.stdout(`Next: backplane add-api ${dirArg} <spec-file>\n`)
    return ExitCode.ok
  },
}
