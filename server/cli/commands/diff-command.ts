import { resolve } from 'node:path'
import { diffProjects, formatDiff } from '../../../lib/diff'
import { usageError } from '../cli-error'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { readProjectFolder } from '../read-project-folder'

async function readFiles(dir: string, out: { stderr: (text: string) => void }): Promise<Record<string, string>> {
  const folder = await readProjectFolder(dir)
  for (const path of folder.binaryFiles) out.stderr(`backplane: ${dir}/${path}: not UTF-8 text, left out of the diff\n`)
  return Object.fromEntries(folder.files.map((f) => [f.path, f.text]))
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show the semantic changes between two project folders, breaking API changes flagged',
  description:
    'Compares two versions of a project: API surfaces (operations, parameters, bodies, responses, security,\n' +
    'channels, messages, schemas), processes (declaration, nodes field by field, edges), databases (tables,\n' +
    'columns, indexes, constraints), queues and the layout. Changes that break API consumers are marked\n' +
    'BREAKING with the reason (removed operation, new required field, narrowed type, removed response field, …).\n' +
    'Exit code: 0 when nothing breaks consumers (other changes may exist), 1 when something does (or a folder\n' +
    'cannot be read; stderr says which), 2 on a usage error — so CI can gate on it. The same code as the web\n' +
    "app's history diff.",
  positionals: [
    { name: 'dirA', description: 'The old version (project folder)' },
    { name: 'dirB', description: 'The new version (project folder)' },
  ],
  options: [{ name: 'json', type: 'boolean', description: 'Print {"changes": [...], "breaking": n}' }],
  examples: ['backplane diff old/shop examples/shop', 'backplane diff v1/ v2/ --json'],
  async run(ctx) {
    const [dirA, dirB] = ctx.positionals
    if (dirA === undefined || dirB === undefined)
      throw usageError('diff needs two folders', 'backplane diff <dirA> <dirB>')
    const before = await readFiles(resolve(ctx.cwd, dirA), ctx.out)
    const after = await readFiles(resolve(ctx.cwd, dirB), ctx.out)
    const diff = diffProjects(before, after)
    ctx.out.stdout(ctx.flags.json === true ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff))
    return diff.breaking > 0 ? ExitCode.invalidInput : ExitCode.ok
  },
}
