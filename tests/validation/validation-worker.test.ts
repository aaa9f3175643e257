import { afterAll, describe, expect, it } from 'vitest'
import { validateProject } from '../../lib/validation'
import { startValidationWorker } from '../../server/validation-worker'
import { set, shopProject, shopWith, toFiles } from './shop-project'

const worker = startValidationWorker()
afterAll(async () => {
  await worker.close()
})

describe('validation worker (worker_threads)', () => {
  it('gives the same problems as validateProject in-process', async () => {
    const files = shopWith('processes/create-order.process.json', (f) => {
      set(f, '/nodes/done/value/expr', '$now()')
      set(f, '/execution/trigger/api', 'shop')
    })
    const off = await worker.validate(files, { validateSpecs: false })
    const on = await validateProject(files, { validateSpecs: false })
    expect(off).toEqual(on.problems)
    expect(off.map((p) => p.rule)).toEqual(['process.trigger.unknown-api', 'expression.function.forbidden'])
  })

  it('answers concurrent requests by id, specs validated off-thread', async () => {
    const clean = toFiles(shopProject())
    const broken = shopWith('infra/queues/fulfilment.queue.json', (f) => {
      set(f, '/deadLetter/forwardTo', 'fulfilment')
    })
    const [a, b, c] = await Promise.all([
      worker.validate(clean),
      worker.validate(broken, { validateSpecs: false }),
      worker.validate(clean),
    ])
    expect(a).toEqual([])
    expect(c).toEqual([])
    expect(b.map((p) => [p.rule, p.pointer])).toEqual([['queue.dead-letter.self', '/deadLetter/forwardTo']])
  })

  it('rejects pending requests when closed', async () => {
    const other = startValidationWorker()
    const pending = other.validate(toFiles(shopProject()))
    await other.close()
    await expect(pending).rejects.toThrow(/validation worker/)
  })
})
