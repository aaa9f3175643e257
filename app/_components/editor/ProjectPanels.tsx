'use client'
import { useState } from 'react'
import type { Problem } from '../../../lib/problems'
import { api } from './api-client'
import { useLatestList } from './use-latest-list'

/** Commit dialog: a message; the problems that block a commit are shown, not hidden. */
export function CommitPanel(props: { projectId: string; problems: Problem[]; onClose(): void }) {
  const [message, setMessage] = useState('')
  const [result, setResult] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<Problem[]>([])
  const blocking = props.problems.filter((p) => p.severity === 'error')
  return (
    <div className="side-panel" data-testid="commit-panel">
      <h3>Commit</h3>
      {blocking.length > 0 && (
        <p className="error">{blocking.length} problem(s) block a commit: fix them first (see Problems).</p>
      )}
      <textarea
        value={message}
        placeholder="What changed and why"
        onChange={(e) => setMessage(e.target.value)}
        data-testid="commit-message"
      />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!message.trim()}
          data-testid="commit-submit"
          onClick={async () => {
            const r = await api<{ commit: { id: string } }>(`/api/v1/projects/${props.projectId}/commits`, {
              method: 'POST',
              body: JSON.stringify({ message }),
            })
            if (r.ok) {
              setResult(`Committed ${r.body.commit.id}`)
              setRefusal([])
            } else {
              setResult(r.message)
              setRefusal(r.problems ?? [])
            }
          }}
        >
          Commit
        </button>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {result && <p data-testid="commit-result">{result}</p>}
      {refusal.length > 0 && (
        <ul>
          {refusal.map((p) => (
            <li key={`${p.file}:${p.pointer}:${p.rule}:${p.message}`} className="error">
              {p.file}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

interface CommitRow {
  id: string
  message: string
  createdAt: string
  authorId?: string | null
}

/** History: every commit, newest first, each restorable as a live edit (never a history rewrite). */
export function HistoryPanel(props: { projectId: string; canWrite: boolean; onClose(): void }) {
  const {
    rows: commits,
    note,
    setNote,
  } = useLatestList<CommitRow>(`/api/v1/projects/${props.projectId}/commits`, 'commits')
  const [restored, setRestored] = useState<string | null>(null)
  return (
    <div className="side-panel" data-testid="history-panel">
      <h3>History</h3>
      {note && <p className="error">{note}</p>}
      {restored && (
        <p className="muted" role="status" data-testid="history-restored">
          {restored}
        </p>
      )}
      {commits.length === 0 && <p className="muted">No commits yet.</p>}
      <ul>
        {commits.map((c) => (
          <li key={c.id}>
            <div>{c.message}</div>
            <div className="muted">
              {new Date(c.createdAt).toLocaleString()} ·{' '}
              <a href={`/api/v1/projects/${props.projectId}/commits/${c.id}/zip`}>zip</a>
            </div>
            {props.canWrite && (
              <button
                type="button"
                data-testid="history-restore"
                onClick={async () => {
                  const r = await api(`/api/v1/projects/${props.projectId}/restore`, {
                    method: 'POST',
                    body: JSON.stringify({ commitId: c.id }),
                  })
                  setRestored(r.ok ? `Restored “${c.message}” as a live edit everyone sees.` : null)
                  setNote(r.ok ? null : r.message)
                }}
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  )
}

interface LinkRow {
  id: string
  canComment: boolean
  expiresAt: string | null
  revokedAt: string | null
  createdAt: string
}

/** Read-only share links: create (optionally expiring, optionally allowed to comment), list, revoke. */
export function SharePanel(props: { projectId: string; onClose(): void }) {
  const [created, setCreated] = useState<string | null>(null)
  const base = `/api/v1/projects/${props.projectId}/share-links`
  const { rows: links, reload: load, note, setNote } = useLatestList<LinkRow>(base, 'links')
  return (
    <div className="side-panel" data-testid="share-panel">
      <h3>Share read-only</h3>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          const data = new FormData(e.currentTarget)
          const hours = Number(data.get('hours') || 0)
          const r = await api<{ url: string }>(base, {
            method: 'POST',
            body: JSON.stringify({
              canComment: data.get('comment') === 'on',
              ...(hours > 0 ? { expiresInHours: hours } : {}),
            }),
          })
          if (r.ok) setCreated(r.body.url)
          else setNote(r.message)
          await load()
        }}
      >
        <label className="row">
          <input type="checkbox" name="comment" /> may comment
        </label>
        <label className="field">
          <span>Expires after (hours, empty = never)</span>
          <input name="hours" type="number" min="1" />
        </label>
        <button type="submit" className="primary" data-testid="share-create">
          Create link
        </button>
      </form>
      {created && (
        <p>
          Copy it now (it is shown once): <code data-testid="share-url">{created}</code>
        </p>
      )}
      {note && <p className="error">{note}</p>}
      <ul>
        {links.map((l) => (
          <li key={l.id}>
            {l.id} {l.canComment ? '· can comment' : ''}{' '}
            {l.expiresAt ? `· expires ${new Date(l.expiresAt).toLocaleString()}` : ''}{' '}
            {l.revokedAt ? (
              <span className="muted">revoked</span>
            ) : (
              <button
                type="button"
                data-testid="share-revoke"
                onClick={async () => {
                  await api(`${base}/${l.id}`, { method: 'DELETE' })
                  await load()
                }}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  )
}

interface MemberRow {
  userId: string
  email: string
  name: string
  role: string
}

/** Project members and roles: owners add people by email and change or remove roles. */
export function MembersPanel(props: { projectId: string; isOwner: boolean; onClose(): void }) {
  const base = `/api/v1/projects/${props.projectId}/members`
  const { rows: members, reload: load, note, setNote } = useLatestList<MemberRow>(base, 'members')
  return (
    <div className="side-panel" data-testid="members-panel">
      <h3>Members</h3>
      <ul>
        {members.map((m) => (
          <li key={m.userId}>
            {m.name || m.email} <span className="muted">{m.email}</span> · {m.role}
            {props.isOwner && (
              <button
                type="button"
                onClick={async () => {
                  const r = await api(`${base}/${m.userId}`, { method: 'DELETE' })
                  if (!r.ok) setNote(r.message)
                  await load()
                }}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.isOwner && (
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault()
            const data = new FormData(e.currentTarget)
            const r = await api(base, {
              method: 'POST',
              body: JSON.stringify({ email: data.get('email'), role: data.get('role') }),
            })
            setNote(r.ok ? null : r.message)
            await load()
          }}
        >
          <input
            name="email"
            type="email"
            placeholder="colleague@example.com"
            aria-label="Member email"
            data-testid="member-email"
            required
          />
          <select name="role" aria-label="Role" data-testid="member-role" defaultValue="editor">
            <option value="editor">editor</option>
            <option value="commenter">commenter</option>
            <option value="viewer">viewer</option>
            <option value="owner">owner</option>
          </select>
          <button type="submit" className="primary" data-testid="member-add">
            Add member
          </button>
        </form>
      )}
      {note && <p className="error">{note}</p>}
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  )
}
