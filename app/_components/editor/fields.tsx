'use client'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { JsonValue } from '../../../lib/doc'
import { checkExpression, completionsAt, type ExpressionScope, emptyScope } from '../../../lib/expressions'

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

/**
 * An expression ({expr}) with live lint (parse errors and the static checks of lib/expressions against the
 * scope: unknown roots, nodes, fields) and autocomplete of the context (input, nodes.<id>, item, run, allowed
 * functions) at the caret. Arrow keys pick, Enter or Tab accepts, Escape closes. Written on blur.
 */
export function ExpressionField(props: {
  label: string
  value: string
  readOnly: boolean
  onCommit(value: string): void
  testId?: string
  scope?: ExpressionScope
}) {
  const [draft, setDraft] = useState(props.value)
  const [caret, setCaret] = useState<number | null>(null)
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => setDraft(props.value), [props.value])
  const scope = props.scope ?? emptyScope
  const problems = useMemo(() => (draft ? checkExpression(draft, scope).problems : []), [draft, scope])
  const problem = problems.find((p) => p.severity === 'error') ?? problems[0]
  const completions = useMemo(
    () => (caret === null || props.readOnly ? null : completionsAt(draft, caret, scope)),
    [draft, caret, scope, props.readOnly],
  )
  const items = completions?.items.slice(0, 8) ?? []
  const accept = (index: number) => {
    const item = items[index]
    if (!completions || !item) return
    const next = draft.slice(0, completions.from) + item.insertText + draft.slice(completions.to)
    const at = completions.from + item.insertText.length
    setDraft(next)
    setCaret(null)
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at))
  }
  const track = (e: { currentTarget: HTMLInputElement }) => {
    setCaret(e.currentTarget.selectionStart)
    setActive(0)
  }
  return (
    <label className="field expression-field">
      <span>{props.label}</span>
      <input
        ref={input}
        className="code"
        value={draft}
        readOnly={props.readOnly}
        data-testid={props.testId}
        aria-invalid={problem?.severity === 'error' ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setDraft(e.target.value)
          track(e)
        }}
        onClick={track}
        onKeyDown={(e) => {
          if (items.length === 0) return
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length)
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault()
            accept(active)
          } else if (e.key === 'Escape') {
            e.stopPropagation()
            setCaret(null)
          }
        }}
        onBlur={() => {
          setCaret(null)
          if (draft !== props.value) props.onCommit(draft)
        }}
      />
      {items.length > 0 && (
        <div className="completions" data-testid={props.testId ? `${props.testId}-completions` : undefined}>
          {items.map((item, i) => (
            <button
              type="button"
              tabIndex={-1}
              key={`${item.kind}:${item.label}`}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                // Before the input's blur, so the accepted text is what gets written.
                e.preventDefault()
                accept(i)
              }}
            >
              <code>{item.label}</code> <small className="muted">{item.detail ?? item.kind}</small>
            </button>
          ))}
        </div>
      )}
      {problem && (
        <span
          className={problem.severity === 'error' ? 'error' : 'warning'}
          data-testid={props.testId ? `${props.testId}-problem` : undefined}
        >
          {problem.message}
        </span>
      )}
    </label>
  )
}
