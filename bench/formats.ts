/**
 * `npm run bench -- formats`: the live document on a large real-world OpenAPI document (issue 2, Performance).
 *
 * Document: @octokit/openapi (version printed from its package.json) generated/api.github.com.json — 13 MB,
 * ~1,100 paths. Figures, each the median of RUNS runs after one warm-up, against a baseline measured in the same
 * run on the same text:
 *   pack-unpack  folder → Y.Doc → Yjs update → fresh Y.Doc → folder (what `backplane pack` + `unpack` do,
 *                validation excluded)         vs JSON.parse + JSON.stringify(…, null, 2) (the bytes export writes)  ≤ 10×
 *   load         Y.applyUpdate of that update into a fresh Y.Doc            vs JSON.parse                             ≤ 5×
 *   validate     lib/validation validateProject on the folder               vs @scalar/openapi-parser validate alone  ≤ 1.5×
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { validate as scalarValidate } from '@scalar/openapi-parser'
import * as Y from 'yjs'
import { applyFiles, exportProject, importProject } from '../lib/doc'

const RUNS = Number(process.env.BACKPLANE_BENCH_RUNS ?? 5)
const require = createRequire(import.meta.url)
const packageJsonPath = require.resolve('@octokit/openapi/package.json')
const { version } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string }
const specPath = packageJsonPath.replace(/package\.json$/, 'generated/api.github.com.json')
const text = readFileSync(specPath, 'utf8')

const files: Record<string, string> = {
  'backplane.json': `${JSON.stringify(
    {
      format: 'backplane.project/v1',
      id: 'prj_bench0000000000000',
      name: 'github',
      description: 'The GitHub REST API as one surface.',
      apis: { github: { id: 'api_bench0000000000000', type: 'rest', file: 'apis/github.openapi.json' } },
    },
    null,
    2,
  )}\n`,
  'apis/github.openapi.json': text,
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

async function time(run: () => unknown): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/** Median time of `run`, after one warm-up; the baseline and the measured runs alternate, so load drifts hit both. */
async function measurePair(run: () => unknown, baseline: () => unknown): Promise<{ value: number; base: number }> {
  await run()
  await baseline()
  const values: number[] = []
  const bases: number[] = []
  for (let i = 0; i < RUNS; i++) {
    values.push(await time(run))
    bases.push(await time(baseline))
  }
  return { value: median(values), base: median(bases) }
}

function line(figure: string, value: number, base: number, target: number): string {
  const ratio = value / base
  return `BENCH formats.${figure} value=${value.toFixed(0)}ms baseline=${base.toFixed(0)}ms ratio=${ratio.toFixed(2)} target=${target} ${ratio <= target ? 'ok' : 'miss'}`
}

const spec = JSON.parse(text) as { paths: Record<string, Record<string, unknown>> }
const operations = Object.values(spec.paths).reduce(
  (n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length,
  0,
)
console.log(
  `# document: @octokit/openapi@${version} generated/api.github.com.json, ${(text.length / 1e6).toFixed(1)} MB, ${Object.keys(spec.paths).length} paths, ${operations} operations; median of ${RUNS} runs`,
)

let exported: Record<string, string> = {}
const pack = await measurePair(
  () => {
    const update = Y.encodeStateAsUpdate(importProject(files).doc)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    exported = exportProject(doc)
  },
  () => JSON.stringify(JSON.parse(text), null, 2),
)
if (exported['apis/github.openapi.json'] !== `${JSON.stringify(JSON.parse(text), null, 2)}\n`) {
  console.log('# warning: the exported spec differs from the input re-printed — the round trip is not lossless')
}
console.log(line('pack-unpack', pack.value, pack.base, 10))

const update = Y.encodeStateAsUpdate(importProject(files).doc)
console.log(`# update: ${(update.length / 1e6).toFixed(1)} MB`)
const load = await measurePair(
  () => Y.applyUpdate(new Y.Doc(), update),
  () => JSON.parse(text),
)
console.log(line('load', load.value, load.base, 5))

// A restore of one changed field on this document: applyFiles must send a small update, not a rebuild.
{
  const { doc } = importProject(files)
  const changed = JSON.parse(text) as { info: { title: string } }
  changed.info.title = `${changed.info.title} (restored)`
  const restored = { ...files, 'apis/github.openapi.json': `${JSON.stringify(changed, null, 2)}\n` }
  const before = Y.encodeStateVector(doc)
  const ms = await time(() => applyFiles(doc, restored))
  const bytes = Y.encodeStateAsUpdate(doc, before).length
  console.log(
    `# restore of one changed field (info.title): update ${bytes} bytes of ${update.length}, applyFiles ${ms.toFixed(0)}ms`,
  )
}

type ValidateProject = (files: Readonly<Record<string, string>>) => Promise<unknown>
async function loadValidateProject(): Promise<ValidateProject | undefined> {
  // Imported by a computed path: lib/validation is another area, and this bench must still run without it.
  const path = '../lib/validation/index.ts'
  try {
    const module = (await import(path)) as { validateProject?: unknown }
    return typeof module.validateProject === 'function' ? (module.validateProject as ValidateProject) : undefined
  } catch {
    return undefined
  }
}
const validateProject = await loadValidateProject()
if (validateProject) {
  const validation = await measurePair(
    () => validateProject(files),
    () => scalarValidate(text),
  )
  console.log(line('validate', validation.value, validation.base, 1.5))
} else {
  const base = median([await time(() => scalarValidate(text)), await time(() => scalarValidate(text))])
  console.log(`BENCH formats.validate value=n/a baseline=${base.toFixed(0)}ms ratio=n/a target=1.5 miss`)
  console.log('# validate: lib/validation validateProject is not available in this checkout, so it cannot be measured')
}
