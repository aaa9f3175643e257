import { nameOf, type ProjectFile } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'

const plural: Record<string, string> = { process: 'processes', database: 'databases', queue: 'queues' }

function idOf(file: ProjectFile<unknown>): string | undefined {
  const raw = file.raw
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : undefined
}

/**
 * Names are unique per kind (the file-name rule of lib/formats makes this hold for well-named files; a misnamed
 * copy can still collide); ids are unique across the whole project (API ids in the manifest included), since
 * comments, layout and runs refer to them.
 */
export function namesRule(ctx: RuleContext): void {
  const { model } = ctx
  const kinds: [string, ProjectFile<unknown>[]][] = [
    ['process', model.processes],
    ['database', model.databases],
    ['queue', model.queues],
  ]
  for (const [kind, files] of kinds) {
    const seen = new Map<string, string>()
    for (const file of files) {
      const name = nameOf(file)
      if (name === undefined) continue
      const first = seen.get(name)
      if (first !== undefined) {
        ctx.report({
          rule: R.nameDuplicate,
          file,
          pointer: '/name',
          message: `Two ${plural[kind] ?? kind} are named ${name} (${first} and ${file.path}).`,
          hint: `Names are unique per kind; rename one of them.`,
        })
      } else seen.set(name, file.path)
    }
  }
  const ids = new Map<string, string>()
  const claim = (id: string, where: string, file: ProjectFile<unknown>, pointer: string) => {
    const first = ids.get(id)
    if (first !== undefined) {
      ctx.report({
        rule: R.idDuplicate,
        file,
        pointer,
        message: `The id ${id} is used twice (${first} and ${where}).`,
        hint: 'Ids are immutable and unique: give the copy a new id (e.g. with `backplane new` or the editor).',
      })
    } else ids.set(id, where)
  }
  if (model.manifest) {
    const id = idOf(model.manifest)
    if (id) claim(id, model.manifest.path, model.manifest, '/id')
    for (const [name, api] of Object.entries(model.manifest.value?.apis ?? {})) {
      claim(api.id, `${model.manifest.path} API ${name}`, model.manifest, `/apis/${name}/id`)
    }
  }
  for (const [, files] of kinds) {
    for (const file of files) {
      const id = idOf(file)
      if (id) claim(id, file.path, file, '/id')
    }
  }
}
