const encoder = new TextEncoder()

function hex(buffer: ArrayBuffer): string {
  let out = ''
  for (const b of new Uint8Array(buffer)) out += b.toString(16).padStart(2, '0')
  return out
}

/**
 * sha256 hex of raw bytes (strings are taken as their UTF-8 bytes): the content address of commit storage
 * (DESIGN §3). Web Crypto, so it runs the same in Node 22, browsers and workers; async because Web Crypto is.
 */
export async function blobSha256(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? encoder.encode(bytes) : bytes
  // Copy into a fresh ArrayBuffer-backed view: subtle.digest refuses views over SharedArrayBuffer.
  const copy = new Uint8Array(data.byteLength)
  copy.set(data)
  return hex(await crypto.subtle.digest('SHA-256', copy))
}
