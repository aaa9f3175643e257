import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { inspectMessage } from './inspect-message'

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, 'prj_1/design')
  write(e)
  return encoding.toUint8Array(e)
}

function realUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set('k', 'v')
  return Y.encodeStateAsUpdate(doc)
}

const syncUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })

describe('inspectMessage', () => {
  it('accepts a real update and marks empty ones', () => {
    const update = realUpdate()
    expect(inspectMessage(syncUpdate(update))).toEqual({ kind: 'update', update, empty: false })
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    expect(inspectMessage(syncUpdate(empty))).toMatchObject({ kind: 'update', empty: true })
  })

  it('accepts control frames: sync step 1, awareness, auth, stateless', () => {
    const step1 = frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
    })
    expect(inspectMessage(step1)).toEqual({ kind: 'control' })
    const stateless = frame((e) => {
      encoding.writeVarUint(e, 5)
      encoding.writeVarString(e, 'hi')
    })
    expect(inspectMessage(stateless)).toEqual({ kind: 'control' })
  })

  it('refuses truncated updates, garbage, unknown types and server-only opcodes', () => {
    const whole = syncUpdate(realUpdate())
    for (let cut = 1; cut < whole.length; cut++) {
      const result = inspectMessage(whole.slice(0, cut))
      expect(result.kind === 'malformed' || (result.kind === 'update' && result.empty)).toBe(true)
    }
    expect(inspectMessage(syncUpdate(new Uint8Array([255, 255, 255, 1, 2, 3]))).kind).toBe('malformed')
    expect(inspectMessage(frame((e) => encoding.writeVarUint(e, 6))).kind).toBe('malformed')
    expect(inspectMessage(frame((e) => encoding.writeVarUint(e, 99))).kind).toBe('malformed')
    expect(inspectMessage(new Uint8Array([])).kind).toBe('malformed')
  })

  it('never throws on random bytes (seeded)', () => {
    let seed = 42
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed
    }
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(rand() % 64)
      for (let j = 0; j < bytes.length; j++) bytes[j] = rand() & 0xff
      const result = inspectMessage(bytes)
      expect(['update', 'control', 'malformed']).toContain(result.kind)
    }
  })
})
