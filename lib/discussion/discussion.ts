import * as Y from 'yjs'

/**
 * The discussion document of a project (DESIGN §2): comment threads anchored to element ids, their replies and
 * resolutions, and review verdicts. A Y.Doc of its own, so comments never enter the design's undo history or its
 * commits; commenters and comment-enabled share links may write it, never the design.
 *
 * Shape: `threads` (Y.Map threadId → Y.Map { anchor, author, createdAt, status, resolvedBy?, resolvedAt?,
 * comments: Y.Array<Comment> }) and `verdicts` (Y.Map authorKey → Verdict). Comments are immutable values in a
 * Y.Array, so concurrent replies to one thread all survive, in a merged order every peer agrees on.
 */

/**
 * Where a thread points: a canvas (`overview`, `api:<id>`, `process:<id>`, `process:<id>/<for-each id>` for a
 * for-each's body) and an element on it.
 */
export type Anchor = {
  canvas: string
  /** An element id (prc_…, db_…, api_…), a node id, or a JSON pointer into a spec (DESIGN §3). */
  element: string
  /** The element's label when the thread was opened, shown when the element is gone. */
  label: string
}

export type Author = { key: string; name: string }

export type Comment = { id: string; author: Author; body: string; createdAt: string }

export type Thread = {
  id: string
  anchor: Anchor
  author: Author
  createdAt: string
  status: 'open' | 'resolved'
  resolvedBy?: Author
  resolvedAt?: string
  comments: Comment[]
}

export type Verdict = {
  author: Author
  verdict: 'approve' | 'request-changes'
  note: string
  at: string
}

export type DiscussionView = { threads: Thread[]; verdicts: Verdict[] }

export const maxCommentLength = 10_000

const threadsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('threads')
const verdictsOf = (doc: Y.Doc) => doc.getMap<Verdict>('verdicts')

function checkBody(body: string): string {
  const text = body.trim()
  if (!text) throw new Error('a comment needs some text')
  if (text.length > maxCommentLength) throw new Error(`a comment is at most ${maxCommentLength} characters`)
  return text
}

/** Opens a thread on an element with its first comment; one transaction. */
export function openThread(
  doc: Y.Doc,
  input: { threadId: string; commentId: string; anchor: Anchor; author: Author; body: string; at: string },
): void {
  const body = checkBody(input.body)
  doc.transact(() => {
    const thread = new Y.Map<unknown>()
    thread.set('anchor', input.anchor)
    thread.set('author', input.author)
    thread.set('createdAt', input.at)
    thread.set('status', 'open')
    const comments = new Y.Array<Comment>()
    comments.push([{ id: input.commentId, author: input.author, body, createdAt: input.at }])
    thread.set('comments', comments)
    threadsOf(doc).set(input.threadId, thread)
  })
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = threadsOf(doc).get(threadId)
  if (!(thread instanceof Y.Map)) throw new Error(`no thread ${threadId}`)
  return thread
}

/** Adds a reply at the end of a thread (a reply to a resolved thread reopens it: someone still has something to say). */
export function reply(
  doc: Y.Doc,
  input: { threadId: string; commentId: string; author: Author; body: string; at: string },
): void {
  const body = checkBody(input.body)
  doc.transact(() => {
    const thread = threadMap(doc, input.threadId)
    const comments = thread.get('comments')
    if (!(comments instanceof Y.Array)) throw new Error(`thread ${input.threadId} has no comments`)
    comments.push([{ id: input.commentId, author: input.author, body, createdAt: input.at }])
    if (thread.get('status') === 'resolved') reopen(doc, input.threadId)
  })
}

export function resolve(doc: Y.Doc, input: { threadId: string; author: Author; at: string }): void {
  doc.transact(() => {
    const thread = threadMap(doc, input.threadId)
    thread.set('status', 'resolved')
    thread.set('resolvedBy', input.author)
    thread.set('resolvedAt', input.at)
  })
}

export function reopen(doc: Y.Doc, threadId: string): void {
  doc.transact(() => {
    const thread = threadMap(doc, threadId)
    thread.set('status', 'open')
    thread.delete('resolvedBy')
    thread.delete('resolvedAt')
  })
}

/** Deletes one's own comment; a thread left without comments goes with it. */
export function deleteComment(doc: Y.Doc, input: { threadId: string; commentId: string; author: Author }): void {
  doc.transact(() => {
    const thread = threadMap(doc, input.threadId)
    const comments = thread.get('comments')
    if (!(comments instanceof Y.Array)) return
    const index = (comments.toArray() as Comment[]).findIndex((c) => c.id === input.commentId)
    if (index < 0) throw new Error(`no comment ${input.commentId}`)
    if ((comments.get(index) as Comment).author.key !== input.author.key)
      throw new Error('only its author can delete a comment')
    comments.delete(index, 1)
    if (comments.length === 0) threadsOf(doc).delete(input.threadId)
  })
}

/** A reviewer's verdict on the design as it is now; one per reviewer, the latest wins. */
export function setVerdict(doc: Y.Doc, verdict: Verdict): void {
  verdictsOf(doc).set(verdict.author.key, { ...verdict, note: verdict.note.trim() })
}

export function clearVerdict(doc: Y.Doc, authorKey: string): void {
  verdictsOf(doc).delete(authorKey)
}

function isAnchor(v: unknown): v is Anchor {
  const a = v as Anchor
  return typeof a === 'object' && a !== null && typeof a.canvas === 'string' && typeof a.element === 'string'
}

/**
 * Plain data for the UI: threads oldest first, each with its comments in document order; verdicts by time.
 * Anything malformed (a hostile or buggy peer can write this document) is skipped, never thrown.
 */
export function readDiscussion(doc: Y.Doc): DiscussionView {
  const threads: Thread[] = []
  for (const [id, value] of threadsOf(doc)) {
    if (!(value instanceof Y.Map)) continue
    const anchor = value.get('anchor')
    const comments = value.get('comments')
    if (!isAnchor(anchor) || !(comments instanceof Y.Array)) continue
    const thread: Thread = {
      id,
      anchor: { canvas: anchor.canvas, element: anchor.element, label: String(anchor.label ?? anchor.element) },
      author: value.get('author') as Author,
      createdAt: String(value.get('createdAt') ?? ''),
      status: value.get('status') === 'resolved' ? 'resolved' : 'open',
      comments: (comments.toArray() as Comment[]).filter(
        (c) => typeof c?.body === 'string' && typeof c.id === 'string' && typeof c.author?.name === 'string',
      ),
    }
    const resolvedBy = value.get('resolvedBy') as Author | undefined
    if (thread.status === 'resolved' && resolvedBy) {
      thread.resolvedBy = resolvedBy
      thread.resolvedAt = String(value.get('resolvedAt') ?? '')
    }
    threads.push(thread)
  }
  threads.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  const verdicts = [...verdictsOf(doc).values()]
    .filter((v) => v && (v.verdict === 'approve' || v.verdict === 'request-changes') && v.author)
    .sort((a, b) => a.at.localeCompare(b.at))
  return { threads, verdicts }
}

/** Open threads per anchored element, for badges on the canvas. */
export function openThreadCounts(view: DiscussionView, canvas: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of view.threads) {
    if (t.status !== 'open' || t.anchor.canvas !== canvas) continue
    counts.set(t.anchor.element, (counts.get(t.anchor.element) ?? 0) + 1)
  }
  return counts
}
