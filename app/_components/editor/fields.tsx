'use client'
import { useEffect, useState } from 'react'
import type { JsonValue } from '../../../lib/doc'
import { parseExpression } from '../../../lib/expressions'

/** A text field that writes on blur or Enter (one change per edit, not per keystroke). */
export function TextField(props: {
  label: string
  value: string
  readOnly: boolean
  onCommit(value: string): void
  testId?: string
  multiline?: boolean
}) {
  const [draft, setDraft] = useState(props.value)
  useEffect(() => setDraft(props.value), [props.value])
  const commit = () => {
    if (draft !== props.value) props.onCommit(draft)
  }
  if (props.multiline) {
    return (
      <label className="field">
        <span>{props.label}</span>
        <textarea
          value={draft}
          readOnly={props.readOnly}
          rows={3}
          data-testid={props.testId}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
        />
      </label>
    )
  }
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        value={draft}
        readOnly={props.readOnly}
        data-testid={props.testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit()
        }}
      />
    </label>
  )
}

export function SelectField(props: {
  label: string
  value: string
  options: readonly string[]
  /** Shown text per option value (e.g. an entity's name for its id). */
  labels?: Readonly<Record<string, string>>
  readOnly: boolean
  onCommit(value: string): void
  testId?: string
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        value={props.value}
        disabled={props.readOnly}
        data-testid={props.testId}
        onChange={(e) => props.onCommit(e.target.value)}
      >
        {!props.options.includes(props.value) && <option value={props.value}>{props.value || '—'}</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * A JSON value edited as text (schemas, raw fields). Text that is not JSON yet stays in the field with its error
 * shown and is not written: the document only ever holds what the user finished typing.
 */
export function JsonField(props: {
  label: string
  value: JsonValue | undefined
  readOnly: boolean
  onCommit(value: JsonValue): void
  testId?: string
}) {
  const text = props.value === undefined ? '' : JSON.stringify(props.value, null, 2)
  const [draft, setDraft] = useState(text)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setDraft(text)
    setError(null)
  }, [text])
  return (
    <label className="field">
      <span>{props.label}</span>
      <textarea
        className="code"
        rows={Math.min(12, Math.max(3, draft.split('\n').length))}
        value={draft}
        readOnly={props.readOnly}
        data-testid={props.testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (draft === text) return
          try {
            props.onCommit(JSON.parse(draft) as JsonValue)
            setError(null)
          } catch (err) {
            setError(`Not JSON yet: ${(err as Error).message}`)
          }
        }}
      />
      {error && <span className="error">{error}</span>}
    </label>
  )
}

/** An expression ({expr}) with its parse errors live, as the user types. */
export function ExpressionField(props: {
  label: string
  value: string
  readOnly: boolean
  onCommit(value: string): void
  testId?: string
}) {
  const [draft, setDraft] = useState(props.value)
  useEffect(() => setDraft(props.value), [props.value])
  const parsed = draft ? parseExpression(draft) : null
  const problem = parsed && !parsed.ok ? parsed.problem : null
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        className="code"
        value={draft}
        readOnly={props.readOnly}
        data-testid={props.testId}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (draft !== props.value) props.onCommit(draft)
        }}
      />
      {problem && <span className="error">{problem.message}</span>}
    </label>
  )
}
