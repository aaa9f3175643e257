import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blobs } from '../../lib/db'
import { draftSnapshotFiles, draftSnapshots, pruneDraftSnapshots } from '../../lib/runtime'
import { storeBlobs } from '../../lib/service/commits'
import { type CollabDatabase, createCollabDatabase, seedProject, seedUser } from '../collab/collab-fixture'

// Test-run drafts are a record, not history: a project keeps its newest ones and the rest go with their file rows,
// while the content-addressed blobs (shared with commits) stay. Real PostgreSQL.
let world: CollabDatabase
beforeAll(async () => {
  world = await createCollabDatabase('draft_retention')
})
afterAll(async () => {
  await world?.dispose()
})

async function projectWithDrafts(count: number): Promise<{ projectId: string; ids: string[] }> {
  const user = await seedUser(world.db, 'drafter')
  const projectId = await seedProject(world.db, user)
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const id = `drf_${projectId.slice(4, 12)}${String(i).padStart(3, '0')}`
    const shas = await storeBlobs(world.db, { 'backplane.json': '{"shared":true}\n', 'a.json': `{"i":${i}}\n` })
    await world.db.insert(draftSnapshots).values({
      id,
      projectId,
      createdBy: user.id,
      projectIdentity: 'x',
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    })
    await world.db
      .insert(draftSnapshotFiles)
      .values(Object.entries(shas).map(([path, sha256]) => ({ snapshotId: id, path, sha256 })))
    ids.push(id)
  }
  return { projectId, ids }
}

describe('draft snapshot retention', () => {
  it('keeps the newest drafts of a project, removes the rest with their files, leaves blobs and other projects alone', async () => {
    const mine = await projectWithDrafts(5)
    const theirs = await projectWithDrafts(3)
    expect(await pruneDraftSnapshots(world.db, mine.projectId, 2)).toBe(3)
    const left = await world.db.select().from(draftSnapshots).where(eq(draftSnapshots.projectId, mine.projectId))
    expect(left.map((d) => d.id).sort()).toEqual(mine.ids.slice(3))
    const files = await world.db
      .select()
      .from(draftSnapshotFiles)
      .where(inArray(draftSnapshotFiles.snapshotId, mine.ids.slice(0, 3)))
    expect(files).toEqual([])
    // The blobs of removed drafts stay: content-addressed rows may be shared (here: backplane.json by all drafts).
    const kept = await world.db.select({ sha256: blobs.sha256 }).from(blobs)
    expect(kept.length).toBeGreaterThanOrEqual(6)
    const other = await world.db.select().from(draftSnapshots).where(eq(draftSnapshots.projectId, theirs.projectId))
    expect(other).toHaveLength(3)
    // Nothing beyond the limit: nothing removed.
    expect(await pruneDraftSnapshots(world.db, mine.projectId, 2)).toBe(0)
  })
})
