import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { commits } from '../../lib/db'
import type { DatabaseFile } from '../../lib/interpreter'
import { blockDatabaseName, blockProvisionerFromEnv, deploy, provisionBlockDatabase } from '../../lib/runtime'
import { startEmbeddedPostgres } from '../../server/db'
import { testPostgresUrl } from '../harness/env'
import { startRuntimeHarness } from './runtime-harness'

describe('provisionBlockDatabase', () => {
  it('gives an unbound block a database of its own, once, on the admin server', async () => {
    const scope = { projectId: `prj_Prov${Date.now()}`, environment: 'development' }
    const url = await provisionBlockDatabase(testPostgresUrl(), scope, 'orders-db')
    expect(await provisionBlockDatabase(testPostgresUrl(), scope, 'orders-db')).toBe(url)
    const name = blockDatabaseName(scope, 'orders-db')
    expect(new URL(url).pathname).toBe(`/${name}`)
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    expect((await sql`select current_database() as db`)[0]?.db).toBe(name)
    await sql.end()
    const admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database "${name}" with (force)`)
    await admin.end()
  })
})

describe('blockProvisionerFromEnv', () => {
  it('is absent without BACKPLANE_PROVISION_URL: an unbound block then refuses the deployment', () => {
    expect(blockProvisionerFromEnv({})).toBeUndefined()
  })

  it("on npm start's embedded server, deploys an unbound SQL block into a PGlite of its own", async () => {
    const embedded = await startEmbeddedPostgres({})
    const h = await startRuntimeHarness('provision-embedded', { worker: false })
    try {
      const provision = blockProvisionerFromEnv({
        BACKPLANE_PROVISION_URL: embedded.url,
        BACKPLANE_PROVISION_MODE: 'embedded',
      })
      const scope = { projectId: h.projectId, environment: 'development' }
      const block: DatabaseFile = {
        format: 'backplane.database/v1',
        id: 'db_0000000000000000prov',
        name: 'orders-db',
        description: '',
        type: 'sql',
        capabilities: ['crud'],
        semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
        connection: { scope: 'environment', poolSize: 2 },
        tables: { orders: { columns: { id: { type: 'text', nullable: false } }, primaryKey: ['id'] } },
      }
      const commitId = `cmt_${randomBytes(8).toString('hex')}`
      await h.db.insert(commits).values({
        id: commitId,
        projectId: h.projectId,
        message: 'm',
        projectIdentity: 'x',
        yjsState: new Uint8Array(),
      })
      const result = await deploy(
        { db: h.db, temporal: h.env.client, taskQueue: h.taskQueue, key: h.key },
        {
          ...scope,
          commitId,
          definitions: { processes: {}, databases: { 'orders-db': block }, queues: {} },
          provisionDatabase: (name) => (provision as NonNullable<typeof provision>)(scope, name),
        },
      )
      expect(result).toMatchObject({ ok: true, applied: true })
      const blockUrl = embedded.url.replace(/\/postgres$/, `/${blockDatabaseName(scope, 'orders-db')}`)
      const sql = postgres(blockUrl, { max: 1, onnotice: () => {} })
      expect(await sql`select table_name from information_schema.tables where table_name = 'orders'`).toHaveLength(1)
      await sql.end()
      const main = postgres(embedded.url, { max: 1, onnotice: () => {} })
      expect(await main`select table_name from information_schema.tables where table_name = 'orders'`).toHaveLength(0)
      await main.end()
    } finally {
      await h.stop()
      await embedded.stop()
    }
  })
})
