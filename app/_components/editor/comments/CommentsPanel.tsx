'use client'
import { useState } from 'react'
import type * as Y from 'yjs'
import { newId } from '../../../../lib/db/new-id'
import {
  type Anchor,
  type Author,
  clearVerdict,
  type DiscussionView,
  deleteComment,
  openThread,
  reopen,
  reply,
  resolve,
  setVerdict,
  type Thread,
} from '../../../../lib/discussion'
import { PanelHeader } from '../PanelHeader'

export interface CommentsPanelProps {
  doc: Y.Doc | undefined
  view: DiscussionView
  /** What the server grants this connection on the discussion (the server enforces it; the UI mirrors it). */
  canComment: boolean
  author: Author
  /** The open canvas key, and the selected element on it (a new thread's anchor). */
  canvas: string
  selected: { element: string; label: string } | null
  /** Opens a thread's element: its canvas, selected. */
  onOpenAnchor(anchor: Anchor): void
  onClose(): void
}

const now = () => new Date().toISOString()
const when = (iso: string) => (iso ? new Date(iso).toLocaleString() : '')

/** Comment threads on elements, replies, resolve/reopen, and review verdicts — the discussion document, live. */
export function CommentsPanel(props: CommentsPanelProps) {
  const [scope, setScope] = useState<'canvas' | 'all'>('canvas')
  const [showResolved, setShowResolved] = useState(false)
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { doc, view } = props
  const attempt = (fn: () => void) => {
    try {
      fn()
      setError(null)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  const threads = view.threads.filter(
    (t) => (scope === 'all' || t.anchor.canvas === props.canvas) && (showResolved || t.status === 'open'),
  )
  const mine = view.verdicts.find((v) => v.author.key === props.author.key)
  return (
    <div className="side-panel comments-panel" data-testid="comments-panel">
      <PanelHeader title={'Comments'} onClose={props.onClose} />
      {!props.canComment && (
        <p className="muted" data-testid="comments-read-only">
          You can read the discussion; your access does not let you write in it.
        </p>
      )}
      {props.canComment && doc && (
        <div className="comment-new">
          {props.selected ? (
            <>
              <label htmlFor="comment-new-body">
                Comment on <strong>{props.selected.label}</strong>
              </label>
              <textarea
                id="comment-new-body"
                value={draft}
                placeholder="Ask, suggest, point out a problem…"
                onChange={(e) => setDraft(e.target.value)}
                data-testid="comment-new-body"
              />
              <button
                type="button"
                className="primary"
                disabled={!draft.trim()}
                data-testid="comment-new-submit"
                onClick={() =>
                  attempt(() => {
                    const selected = props.selected
                    if (!selected) return
                    openThread(doc, {
                      threadId: newId('thr'),
                      commentId: newId('cmn'),
                      anchor: { canvas: props.canvas, element: selected.element, label: selected.label },
                      author: props.author,
                      body: draft,
                      at: now(),
                    })
                    setDraft('')
                  })
                }
              >
                Comment
              </button>
            </>
          ) : (
            <p className="muted">Select an element on the canvas to comment on it.</p>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row comment-filters">
        <select
          value={scope}
          onChange={(e) => setScope(e.target.value as 'canvas' | 'all')}
          aria-label="Which threads"
          data-testid="comments-scope"
        >
          <option value="canvas">This canvas</option>
          <option value="all">Whole project</option>
        </select>
        <label>
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(e) => setShowResolved(e.target.checked)}
            data-testid="comments-show-resolved"
          />{' '}
          Resolved too
        </label>
      </div>
      {threads.length === 0 && <p className="muted">No {showResolved ? '' : 'open '}threads here.</p>}
      <ul className="threads">
        {threads.map((t) => (
          <ThreadView
            key={t.id}
            thread={t}
            doc={doc}
            canComment={props.canComment}
            author={props.author}
            onOpenAnchor={props.onOpenAnchor}
            attempt={attempt}
          />
        ))}
      </ul>
      <h4>Review</h4>
      <ul className="verdicts" data-testid="verdicts">
        {view.verdicts.map((v) => (
          <li key={v.author.key}>
            <strong>{v.author.name}</strong> {v.verdict === 'approve' ? 'approved' : 'requested changes'}
            {v.note ? `: ${v.note}` : ''} <span className="muted">{when(v.at)}</span>
          </li>
        ))}
        {view.verdicts.length === 0 && <li className="muted">No verdicts yet.</li>}
      </ul>
      {props.canComment && doc && (
        <div className="row">
          <button
            type="button"
            data-testid="verdict-approve"
            onClick={() =>
              attempt(() => setVerdict(doc, { author: props.author, verdict: 'approve', note: '', at: now() }))
            }
          >
            Approve
          </button>
          <button
            type="button"
            data-testid="verdict-request-changes"
            onClick={() =>
              attempt(() => setVerdict(doc, { author: props.author, verdict: 'request-changes', note: '', at: now() }))
            }
          >
            Request changes
          </button>
          {mine && (
            <button type="button" onClick={() => attempt(() => clearVerdict(doc, props.author.key))}>
              Withdraw
            </button>
          )}
        </div>
      )}
    </div>
  )
}

function ThreadView(props: {
  thread: Thread
  doc: Y.Doc | undefined
  canComment: boolean
  author: Author
  onOpenAnchor(anchor: Anchor): void
  attempt(fn: () => void): void
}) {
  const { thread: t, doc } = props
  const [answer, setAnswer] = useState('')
  return (
    <li className="thread" data-testid="comment-thread" data-status={t.status}>
      <button type="button" className="link" onClick={() => props.onOpenAnchor(t.anchor)} data-testid="thread-anchor">
        {t.anchor.label}
      </button>
      {t.status === 'resolved' && (
        <span className="badge">resolved{t.resolvedBy ? ` by ${t.resolvedBy.name}` : ''}</span>
      )}
      <ol className="comments">
        {t.comments.map((c) => (
          <li key={c.id} data-testid="comment">
            <strong>{c.author.name}</strong> <span className="muted">{when(c.createdAt)}</span>
            <p data-testid="comment-body">{c.body}</p>
            {props.canComment && doc && c.author.key === props.author.key && (
              <button
                type="button"
                className="link"
                onClick={() =>
                  props.attempt(() => deleteComment(doc, { threadId: t.id, commentId: c.id, author: props.author }))
                }
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ol>
      {props.canComment && doc && (
        <div className="row">
          <input
            value={answer}
            placeholder="Reply"
            onChange={(e) => setAnswer(e.target.value)}
            aria-label={`Reply on ${t.anchor.label}`}
            data-testid="thread-reply"
          />
          <button
            type="button"
            disabled={!answer.trim()}
            data-testid="thread-reply-submit"
            onClick={() =>
              props.attempt(() => {
                reply(doc, { threadId: t.id, commentId: newId('cmn'), author: props.author, body: answer, at: now() })
                setAnswer('')
              })
            }
          >
            Reply
          </button>
          {t.status === 'open' ? (
            <button
              type="button"
              data-testid="thread-resolve"
              onClick={() => props.attempt(() => resolve(doc, { threadId: t.id, author: props.author, at: now() }))}
            >
              Resolve
            </button>
          ) : (
            <button type="button" data-testid="thread-reopen" onClick={() => props.attempt(() => reopen(doc, t.id))}>
              Reopen
            </button>
          )}
        </div>
      )}
    </li>
  )
}
