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
