/**
 * Pre-bundles the workflows for production: `npx tsx server/worker/bundle-workflows.ts [out]` writes the webpack
 * bundle (default `<BACKPLANE_DATA_DIR|data>/workflow-bundle.js`) that `server/worker.ts` loads instead of bundling
 * at start.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { bundleWorkflows } from './create-worker'

export function defaultBundlePath(): string {
  return resolve(
    process.env.BACKPLANE_WORKFLOW_BUNDLE ?? join(process.env.BACKPLANE_DATA_DIR ?? 'data', 'workflow-bundle.js'),
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = resolve(process.argv[2] ?? defaultBundlePath())
  const { code } = await bundleWorkflows()
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, code)
  console.log(`bundle-workflows: wrote ${out} (${(code.length / 1e6).toFixed(1)} MB)`)
}
