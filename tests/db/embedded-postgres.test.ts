import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { createDb, migrate, organizations } from '../../lib/db'
import { startEmbeddedPostgres } from '../../server/db'

describe('embedded PGlite over the wire protocol', () => {
  it('keeps its data in the folder across restarts (npm start)', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'bp-pglite-')), 'db')
    const first = await startEmbeddedPostgres({ dataDir })
    const a = createDb(first.url)
    await migrate(a.db)
    await a.db.insert(organizations).values({ id: 'org_kept', name: 'Kept' })
    await a.close()
    await first.stop()
    const second = await startEmbeddedPostgres({ dataDir })
    const b = createDb(second.url)
    await migrate(b.db)
    expect(await b.db.select().from(organizations).where(eq(organizations.id, 'org_kept'))).toMatchObject([
      { name: 'Kept' },
    ])
    await b.close()
    await second.stop()
  })

  it('a connection dropped inside a transaction is rolled back and frees the backend for the others', async () => {
    const embedded = await startEmbeddedPostgres({})
    const { db, close } = createDb(embedded.url)
    await migrate(db)
    const doomed = postgres(embedded.url, { max: 1, onnotice: () => {} })
    await doomed`begin`
    await doomed`insert into organizations (id, name) values ('org_doomed', 'Doomed')`
    // While that transaction is open the other connections wait; dropping the socket must release them.
    const waiting = db.insert(organizations).values({ id: 'org_after', name: 'After' })
    await doomed.end({ timeout: 0 })
    await waiting
    const rows = await db.select({ id: organizations.id }).from(organizations)
    expect(rows.map((r) => r.id).sort()).toEqual(['org_after'])
    await close()
    await embedded.stop()
  })
})

describe('embedded block databases (npm start: each unbound SQL block its own database)', () => {
  it('serves each bp_ name from a PGlite of its own, kept in its folder, and refuses other names', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bp-pglite-blocks-'))
    const options = { dataDir: join(root, 'main'), blocksDir: join(root, 'blocks') }
    const first = await startEmbeddedPostgres(options)
    const blockUrl = first.url.replace(/\/postgres$/, '/bp_prj_a_development_orders_db')
    const block = postgres(blockUrl, { max: 1, onnotice: () => {} })
    await block`create table orders (id text primary key)`
    await block`insert into orders values ('o1')`
    await block.end()
    const main = postgres(first.url, { max: 1, onnotice: () => {} })
    const mainTables = await main`select table_name from information_schema.tables where table_name = 'orders'`
    expect(mainTables).toHaveLength(0)
    await main.end()
    const stranger = postgres(first.url.replace(/\/postgres$/, '/template1'), { max: 1, onnotice: () => {} })
    await expect(stranger`select 1`).rejects.toThrow(/database "template1" does not exist/)
    await stranger.end()
    await first.stop()

    const second = await startEmbeddedPostgres(options)
    const again = postgres(second.url.replace(/\/postgres$/, '/bp_prj_a_development_orders_db'), {
      max: 1,
      onnotice: () => {},
    })
    expect((await again`select id from orders`).map((r) => r.id)).toEqual(['o1'])
    await again.end()
    await second.stop()
  })
})
