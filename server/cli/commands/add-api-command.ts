import { readFileSync, statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, relative, resolve } from 'node:path'
import { sortProblems } from '../../../lib/problems'
import { inputError, usageError } from '../cli-error'
import type { Command } from '../command'
import { ExitCode } from '../exit-code'
import { formatProblem, hasErrors } from '../format-problems'
import { assertDirectory } from '../read-project-folder'
import { writeProjectFiles } from '../write-project-files'

const namePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

export const addApiCommand: Command = {
  name: 'add-api',
  summary: 'Import an OpenAPI or AsyncAPI document as a new API surface',
  description:
    'Detects OpenAPI 3.x (a REST surface) or AsyncAPI 3.x (an event surface) and writes it to\n' +
    'apis/<name>.<openapi|asyncapi>.<yaml|json>, keeping its serialization and key order, then adds the surface\n' +
    'to backplane.json with a new id. Swagger 2.0 and AsyncAPI 2.x are converted, and what changed is printed;\n' +
    'external $refs are bundled into the one file, and listed; YAML comments are warned about (editing cannot\n' +
    'keep them). On any error nothing is written.',
  positionals: [
    { name: 'dir', description: 'Project folder (holding backplane.json)' },
    { name: 'spec-file', description: 'OpenAPI / Swagger / AsyncAPI document, YAML or JSON' },
  ],
  options: [
    {
      name: 'name',
      type: 'string',
      value: '<name>',
      description: 'Surface name, a lowercase slug (default: from the file name)',
    },
  ],
  examples: ['backplane add-api shop orders.yaml', 'backplane add-api shop ./specs/petstore.json --name pets'],
  async run(ctx) {
    // The core (ajv, spec parsers, Yjs) loads only when a command runs, so --help and usage errors are instant.
    const { addApiToManifest, readManifestFile } = await import('../project-core')
    const { importSpecFile } = await import('../import-spec-file')
    const [dirArg = '', specArg = ''] = ctx.positionals
    // A bad --name is a usage error: reported before anything is read.
    const name = ctx.strings.name ?? nameFromFile(specArg)
    if (!namePattern.test(name) || name.length > 64) {
      const hint = 'a name is a lowercase slug like "orders" or "order-events" (letters, digits, single dashes)'
      if (ctx.strings.name !== undefined)
        throw usageError(`--name ${JSON.stringify(name)}: not a valid surface name`, hint)
      throw inputError(`cannot derive a surface name from ${JSON.stringify(basename(specArg))}`, `${hint}; pass --name`)
    }
    const dir = resolve(ctx.cwd, dirArg)
    await assertDirectory(dir, dirArg)
    const specPath = resolve(ctx.cwd, specArg)
    const specText = await readSpecText(specPath, specArg)

    const manifestPath = resolve(dir, 'backplane.json')
    const manifestText = await readFile(manifestPath, 'utf8').catch(() => undefined)
    if (manifestText === undefined) {
      throw inputError(
        `${dirArg}: no backplane.json`,
        `is this a project folder? create one with: backplane new ${dirArg}`,
      )
    }
    const manifest = readManifestFile(manifestText)
    if (manifest.problems.length > 0 && hasErrors(manifest.problems)) {
      for (const p of sortProblems(manifest.problems)) ctx.out.stderr(`${formatProblem(p)}\n`)
      ctx.out.stderr('nothing written: fix backplane.json first (backplane validate shows every problem)\n')
      return ExitCode.invalidInput
    }

    const specDir = dirname(specPath)
    const imported = await importSpecFile({
      path: relative(ctx.cwd, specPath) || basename(specPath),
      text: specText,
      readRef: (ref) => readRefText(specDir, ref),
    })
    const problems = sortProblems(imported.problems)
    // The import report (conversion, bundled refs, YAML comments) is part of the result; errors are diagnostics.
    for (const p of problems) (p.severity === 'error' ? ctx.out.stderr : ctx.out.stdout)(`${formatProblem(p)}\n`)
    if (imported.spec === undefined || hasErrors(problems)) {
      ctx.out.stderr('nothing written\n')
      return ExitCode.invalidInput
    }

    const added = addApiToManifest(manifest, {
      name,
      kind: imported.spec.kind,
      serialization: imported.spec.serialization,
    })
    if ('error' in added) throw inputError(added.error, added.hint)
    const existing = await stat(resolve(dir, added.file)).catch(() => undefined)
    if (existing !== undefined) {
      throw inputError(`${dirArg}/${added.file} already exists`, 'pass another --name, or remove the file first')
    }
    await writeProjectFiles(dir, [
      { path: added.file, text: imported.spec.text },
      { path: 'backplane.json', text: added.manifestText },
    ])
    const type = imported.spec.kind === 'openapi' ? 'REST' : 'event'
    ctx.out.stdout(`added ${type} surface ${JSON.stringify(name)} (${added.id}): ${added.file}\n`)
    return ExitCode.ok
  },
}

async function readSpecText(path: string, label: string): Promise<string> {
  const info = await stat(path).catch(() => undefined)
  if (info === undefined) throw inputError(`${label}: no such file`)
  if (!info.isFile()) throw inputError(`${label}: not a file`)
  const bytes = await readFile(path)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw inputError(`${label}: not UTF-8 text`, 'an API document is YAML or JSON, saved as UTF-8')
  }
}

/** "specs/Order Events.asyncapi.yaml" -> "order-events". */
export function nameFromFile(path: string): string {
  return basename(path)
    .replace(/\.(ya?ml|json)$/i, '')
    .replace(/\.(openapi|asyncapi|swagger)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
}

/**
 * Text of an external $ref target, relative to the importing document's folder, or undefined (the importer then
 * reports the missing file with the $ref's location). Remote (http) refs are never fetched by the CLI.
 */
function readRefText(baseDir: string, ref: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return undefined
  const path = resolve(baseDir, ref)
  try {
    if (!statSync(path).isFile()) return undefined
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}
