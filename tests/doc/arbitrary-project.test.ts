import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateProject } from '../../lib/validation'
import { arbitraryProject } from './arbitrary-project'

// The round-trip law is claimed over *valid* projects: the generator must produce projects the validator accepts
// (schemas, cross-file rules, and — for a few — the OpenAPI/AsyncAPI validators too).
describe('arbitraryProject', () => {
  it('generates projects lib/validation finds no errors in', async () => {
    const samples = fc.sample(arbitraryProject(), { numRuns: 30, seed: 17 })
    for (const [i, files] of samples.entries()) {
      const { problems } = await validateProject(files, { validateSpecs: i < 3 })
      expect(problems.filter((p) => p.severity === 'error')).toEqual([])
    }
    const paths = samples.flatMap((files) => Object.keys(files))
    for (const pattern of [
      /\.process\.json$/,
      /\.database\.json$/,
      /\.queue\.json$/,
      /\.openapi\./,
      /\.asyncapi\./,
      /^canvas\.json$/,
    ]) {
      expect(paths.some((p) => pattern.test(p))).toBe(true)
    }
  }, 300_000)
})
