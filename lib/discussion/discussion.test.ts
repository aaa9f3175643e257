import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  deleteComment,
  openThread,
  openThreadCounts,
  readDiscussion,
  reopen,
  reply,
  resolve,
  setVerdict,
} from './discussion'

const ana = { key: 'usr_ana', name: 'Ana' }
const ben = { key: 'usr_ben', name: 'Ben' }
const anchor = { canvas: 'process:prc_1', element: 'save', label: 'Save order' }

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('discussion document', () => {
  it('opens a thread on an element, takes replies, resolves and reopens', () => {
    const doc = new Y.Doc()
    openThread(doc, { threadId: 't1', commentId: 'c1', anchor, author: ana, body: '  Retry this?  ', at: '2026-01-01' })
    reply(doc, { threadId: 't1', commentId: 'c2', author: ben, body: 'Yes, 3 attempts', at: '2026-01-02' })
    let [thread] = readDiscussion(doc).threads
    expect(thread).toMatchObject({ id: 't1', anchor, status: 'open', author: ana })
    expect(thread?.comments.map((c) => [c.author.name, c.body])).toEqual([
      ['Ana', 'Retry this?'],
      ['Ben', 'Yes, 3 attempts'],
    ])
    resolve(doc, { threadId: 't1', author: ben, at: '2026-01-03' })
    ;[thread] = readDiscussion(doc).threads
    expect(thread).toMatchObject({ status: 'resolved', resolvedBy: ben, resolvedAt: '2026-01-03' })
    expect(openThreadCounts(readDiscussion(doc), anchor.canvas).size).toBe(0)
    reopen(doc, 't1')
    expect(readDiscussion(doc).threads[0]).toMatchObject({ status: 'open' })
    expect(readDiscussion(doc).threads[0]?.resolvedBy).toBeUndefined()
    expect(openThreadCounts(readDiscussion(doc), anchor.canvas)).toEqual(new Map([['save', 1]]))
  })

  it('a reply to a resolved thread reopens it', () => {
    const doc = new Y.Doc()
    openThread(doc, { threadId: 't1', commentId: 'c1', anchor, author: ana, body: 'a', at: '1' })
    resolve(doc, { threadId: 't1', author: ana, at: '2' })
    reply(doc, { threadId: 't1', commentId: 'c2', author: ben, body: 'not done', at: '3' })
    expect(readDiscussion(doc).threads[0]?.status).toBe('open')
  })

  it('keeps both of two concurrent replies, in the same order on every peer', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    openThread(a, { threadId: 't1', commentId: 'c1', anchor, author: ana, body: 'q', at: '1' })
    sync(a, b)
    reply(a, { threadId: 't1', commentId: 'ca', author: ana, body: 'from a', at: '2' })
    reply(b, { threadId: 't1', commentId: 'cb', author: ben, body: 'from b', at: '2' })
    sync(a, b)
    const ids = (doc: Y.Doc) => readDiscussion(doc).threads[0]?.comments.map((c) => c.id)
    expect(ids(a)).toHaveLength(3)
    expect(ids(a)).toEqual(ids(b))
    expect(new Set(ids(a))).toEqual(new Set(['c1', 'ca', 'cb']))
  })

  it('refuses empty comments and deleting someone else’s; deleting the last comment removes the thread', () => {
    const doc = new Y.Doc()
    expect(() =>
      openThread(doc, { threadId: 't1', commentId: 'c1', anchor, author: ana, body: '   ', at: '1' }),
    ).toThrow('a comment needs some text')
    expect(readDiscussion(doc).threads).toEqual([])
    openThread(doc, { threadId: 't1', commentId: 'c1', anchor, author: ana, body: 'x', at: '1' })
    expect(() => deleteComment(doc, { threadId: 't1', commentId: 'c1', author: ben })).toThrow(
      'only its author can delete a comment',
    )
    deleteComment(doc, { threadId: 't1', commentId: 'c1', author: ana })
    expect(readDiscussion(doc).threads).toEqual([])
    expect(() => reply(doc, { threadId: 't1', commentId: 'c2', author: ana, body: 'x', at: '2' })).toThrow(
      'no thread t1',
    )
  })

  it('skips malformed entries a buggy or hostile peer wrote instead of throwing', () => {
    const doc = new Y.Doc()
    doc.getMap('threads').set('junk', 'not a map' as never)
    const broken = new Y.Map<unknown>()
    broken.set('anchor', 42)
    doc.getMap('threads').set('broken', broken as never)
    openThread(doc, { threadId: 't1', commentId: 'c1', anchor, author: ana, body: 'ok', at: '1' })
    expect(readDiscussion(doc).threads.map((t) => t.id)).toEqual(['t1'])
  })

  it('keeps one verdict per reviewer, the latest', () => {
    const doc = new Y.Doc()
    setVerdict(doc, { author: ana, verdict: 'request-changes', note: 'add a DLQ', at: '1' })
    setVerdict(doc, { author: ben, verdict: 'approve', note: '', at: '2' })
    setVerdict(doc, { author: ana, verdict: 'approve', note: ' done ', at: '3' })
    expect(readDiscussion(doc).verdicts.map((v) => [v.author.name, v.verdict, v.note])).toEqual([
      ['Ben', 'approve', ''],
      ['Ana', 'approve', 'done'],
    ])
  })
})
