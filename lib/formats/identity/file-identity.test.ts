import { describe, expect, it } from 'vitest'
import { exampleProject, exampleText, reverseKeys } from '../test-support'
import { fileIdentity, jcs, projectIdentity } from './file-identity'
import { blobSha256 } from './sha256'

describe('identities', () => {
  it('blobSha256 is the sha256 of the raw bytes (FIPS 180-2 test vector)', async () => {
    expect(await blobSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await blobSha256(new Uint8Array([0x61, 0x62, 0x63]))).toBe(await blobSha256('abc'))
  })

  it('fileIdentity is sha256 of the JCS of the parsed content', async () => {
    const text = exampleText('fulfilment.queue.json')
    expect(await fileIdentity('infra/queues/fulfilment.queue.json', text)).toBe(
      await blobSha256(jcs(JSON.parse(text))!),
    )
  })

  it('does not change with whitespace or key order of our JSON', async () => {
    const path = 'processes/create-order.process.json'
    const text = exampleText('create-order.process.json')
    const id = await fileIdentity(path, text)
    expect(await fileIdentity(path, JSON.stringify(JSON.parse(text)))).toBe(id)
    expect(await fileIdentity(path, JSON.stringify(reverseKeys(JSON.parse(text)), null, 4))).toBe(id)
    expect(await fileIdentity(path, text.replace('"Charge card"', '"Charge the card"'))).not.toBe(id)
  })

  it('identifies a spec by content: YAML and the same document as JSON are the same file content', async () => {
    const files = exampleProject()
    const yaml = files['apis/orders.openapi.yaml']!
    const asJson = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Orders', version: '1.0.0' },
      paths: { '/orders': { post: { operationId: 'createOrder', responses: { '201': { description: 'Created' } } } } },
    })
    expect(await fileIdentity('apis/orders.openapi.yaml', yaml)).toBe(
      await fileIdentity('apis/orders.openapi.json', asJson),
    )
  })

  it('falls back to the raw bytes for text that does not parse, and never throws', async () => {
    const path = 'processes/x.process.json'
    expect(await fileIdentity(path, '{ nope')).toBe(await blobSha256('raw:{ nope'))
    expect(await fileIdentity(path, '{"a": "\\ud800"}')).toBe(await blobSha256('raw:{"a": "\\ud800"}'))
    expect(await fileIdentity('README.md', '# hi')).toBe(await blobSha256('raw:# hi'))
  })

  it('projectIdentity covers every file but canvas.json and is stable under formatting', async () => {
    const files = exampleProject()
    const id = await projectIdentity(files)
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    const ids: Record<string, string> = {}
    for (const p of Object.keys(files).sort()) if (p !== 'canvas.json') ids[p] = await fileIdentity(p, files[p]!)
    expect(id).toBe(await blobSha256(jcs(ids)!))
    expect(
      await projectIdentity({ ...files, 'canvas.json': '{"format": "backplane.canvas/v1", "canvases": {}}' }),
    ).toBe(id)
    const minified = {
      ...files,
      'infra/databases/orders-db.database.json': JSON.stringify(
        JSON.parse(files['infra/databases/orders-db.database.json']!),
      ),
    }
    expect(await projectIdentity(minified)).toBe(id)
    const { 'infra/queues/fulfilment.queue.json': _, ...without } = files
    expect(await projectIdentity(without)).not.toBe(id)
  })
})
