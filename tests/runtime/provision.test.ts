import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { blockDatabaseName, provisionBlockDatabase } from '../../lib/runtime'
import { testPostgresUrl } from '../harness/env'

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
