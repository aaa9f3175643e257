import type { Definitions } from './definitions'

/** Something a deployment accepted (validated) but does not execute yet (DESIGN §6: "the UI says so"). */
export type DeploymentNote = { block: string; kind: 'not-executable'; message: string }

/**
 * What of a commit is validated but not executable in v1: database blocks other than `sql`, and API specs (no
 * gateway serves them yet; the processes they trigger run through the run endpoint). `paths` are the commit's file
 * paths. Pure; sorted by block.
 */
export function deploymentNotes(definitions: Definitions, paths: readonly string[]): DeploymentNote[] {
  const notes: DeploymentNote[] = []
  for (const block of Object.values(definitions.databases)) {
    if (block.type === 'sql') continue
    notes.push({
      block: block.name,
      kind: 'not-executable',
      message: `database ${block.name} is ${block.type}: validated, not yet executable (only sql blocks run in v1)`,
    })
  }
  for (const path of paths) {
    if (!path.startsWith('apis/')) continue
    notes.push({
      block: path,
      kind: 'not-executable',
      message: `${path} is validated, not served yet: the processes it triggers run through the run endpoint`,
    })
  }
  return notes.sort((a, b) => (a.block < b.block ? -1 : a.block > b.block ? 1 : 0))
}
