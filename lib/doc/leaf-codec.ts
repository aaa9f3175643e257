import type { JsonValue } from './json-value'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * How a whole value is stored: primitives as themselves, objects and arrays as their UTF-8 JSON bytes (a Yjs
 * binary). Yjs decodes a binary with one copy but rebuilds a plain object key by key (~2.5× a JSON.parse of the
 * same bytes), and loading a large spec must stay within 5× JSON.parse. JSON keeps key order; nothing else is lost.
 */
export function encodeLeaf(value: JsonValue): JsonValue | Uint8Array {
  return typeof value === 'object' && value !== null ? encoder.encode(JSON.stringify(value)) : value
}

/** Reads a stored whole value back; a binary that is not our JSON (never written by us) reads as null. */
export function decodeLeaf(stored: unknown): JsonValue {
  if (stored instanceof Uint8Array) {
    try {
      return JSON.parse(decoder.decode(stored)) as JsonValue
    } catch {
      return null
    }
  }
  if (stored === undefined) return null
  return stored as JsonValue
}

/** True when the stored whole value equals `value`, key order included. */
export function leafEquals(stored: unknown, value: JsonValue): boolean {
  if (stored instanceof Uint8Array) {
    if (typeof value !== 'object' || value === null) return false
    const bytes = encoder.encode(JSON.stringify(value))
    if (bytes.length !== stored.length) return false
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== stored[i]) return false
    return true
  }
  if (typeof value === 'object' && value !== null) return false
  return stored === value || (Number.isNaN(stored) && Number.isNaN(value))
}
