import { execFileSync } from 'node:child_process'
import { Connection } from '@temporalio/client'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { launchChromium } from './chromium'
import { createTestDatabase, TEST_TEMPORAL_NAMESPACE, testPostgresUrl, testTemporalAddress } from './env'

describe('test harness', () => {
  it('gives each test its own database on the real PostgreSQL server, and drops it', async () => {
    const db = await createTestDatabase('harness-self-test')
    expect(db.name).toMatch(/^harness_self_test_[0-9a-f]{12}$/)
    const sql = postgres(db.url, { max: 1 })
    const [row] = await sql<{ db: string; version: string }[]>`select current_database() as db, version() as version`
    expect(row?.db).toBe(db.name)
    expect(row?.version).toMatch(/^PostgreSQL \d+/)
    await sql.end()
    await db.drop()
    const admin = postgres(testPostgresUrl(), { max: 1 })
    const left = await admin`select 1 from pg_database where datname = ${db.name}`
    await admin.end()
    expect(left.length).toBe(0)
  })

  it('points at a Temporal dev server that serves the default namespace', async () => {
    const connection = await Connection.connect({ address: testTemporalAddress() })
    const response = await connection.workflowService.describeNamespace({ namespace: TEST_TEMPORAL_NAMESPACE })
    expect(response.namespaceInfo?.name).toBe(TEST_TEMPORAL_NAMESPACE)
    await connection.close()
  })
})

describe('chromium harness', () => {
  it('launches headless Debian Chromium and renders a page', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.setContent('<main><h1 id="t">Backplane</h1></main>')
      expect(await page.textContent('#t')).toBe('Backplane')
    } finally {
      await browser.close()
    }
  })
})

describe('scripts/setup.mjs', () => {
  it('is idempotent: with everything present (the global setup needed it all) it prints nothing and succeeds', () => {
    for (const args of [[], ['--test']]) {
      const out = execFileSync(process.execPath, ['scripts/setup.mjs', ...args], { encoding: 'utf8' })
      expect(out).toBe('')
    }
  })
})
