import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseSecretKey } from '../../lib/runtime/secret-box'

/**
 * The AES-256-GCM key for secrets and bindings: `BACKPLANE_SECRET_KEY` (base64 or hex, 32 bytes) when set, else
 * `<dataDir>/runtime-secret-key`, generated once (mode 0600) for `npm start` — like the auth secret. Web and worker
 * must read the same key.
 */
export function resolveRuntimeKey(options: { dataDir: string }): Uint8Array {
  const configured = process.env.BACKPLANE_SECRET_KEY
  if (configured) return parseSecretKey(configured)
  const file = join(options.dataDir, 'runtime-secret-key')
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true })
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 })
    chmodSync(file, 0o600)
  }
  return parseSecretKey(readFileSync(file, 'utf8'))
}
