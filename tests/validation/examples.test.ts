import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateProject } from '../../lib/validation'

function readFolder(root: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else files[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8')
    }
  }
  walk(root)
  return files
}

describe('the examples validate', () => {
  it.each(['shop', 'webhooks', 'chat'])('examples/%s has no errors or warnings', async (name) => {
    const files = readFolder(join('examples', name))
    expect(Object.keys(files).length).toBeGreaterThan(3)
    const { problems } = await validateProject(files)
    expect(problems.filter((p) => p.severity !== 'info')).toEqual([])
  })
})
