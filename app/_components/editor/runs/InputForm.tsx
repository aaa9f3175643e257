'use client'
import { useMemo, useState } from 'react'
import {
  type FormField,
  fieldsOf,
  fieldText,
  hasForm,
  initialValue,
  type JsonSchema,
  parseField,
} from '../../../../lib/schema-form'

/** Builds an object from the fields' texts, or the first error (named by field). */
function collect(
  fields: FormField[],
  texts: Record<string, string>,
  prefix = '',
): { value: unknown } | { error: string } {
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    const key = `${prefix}${field.name}`
    if (field.kind === 'object') {
      const nested = collect(field.fields, texts, `${key}.`)
      if ('error' in nested) return nested
      const empty = Object.keys(nested.value as object).length === 0
      if (!empty || field.required) out[field.name] = nested.value
      continue
    }
    const parsed = parseField(field, texts[key] ?? '')
    if ('error' in parsed && parsed.error) return { error: parsed.error.replace(field.name, key) }
    if (parsed.value !== undefined) out[field.name] = parsed.value
  }
  return { value: out }
}

function initialTexts(fields: FormField[], value: unknown, prefix = '', out: Record<string, string> = {}) {
  const v = (value ?? {}) as Record<string, unknown>
  for (const field of fields) {
    const key = `${prefix}${field.name}`
    if (field.kind === 'object') initialTexts(field.fields, v[field.name], `${key}.`, out)
    else out[key] = fieldText(field, v[field.name])
  }
  return out
}

function FieldInput(props: {
  field: FormField
  path: string
  texts: Record<string, string>
  set(k: string, v: string): void
}) {
  const { field, path, texts } = props
  const label = (
    <span>
      {field.name}
      {field.required ? ' *' : ''}
      {field.description ? <span className="muted"> — {field.description}</span> : null}
    </span>
  )
  const testId = `run-input-${path}`
  if (field.kind === 'object') {
    return (
      <fieldset className="run-input-object">
        <legend>{label}</legend>
        {field.fields.map((f) => (
          <FieldInput key={f.name} field={f} path={`${path}.${f.name}`} texts={texts} set={props.set} />
        ))}
      </fieldset>
    )
  }
  const value = texts[path] ?? ''
  const change = (v: string) => props.set(path, v)
  return (
    <div className="run-input">
      {label}
      {field.kind === 'enum' ? (
        <select value={value} onChange={(e) => change(e.target.value)} data-testid={testId} aria-label={path}>
          {!field.required && <option value="">—</option>}
          {field.options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      ) : field.kind === 'boolean' ? (
        <input
          type="checkbox"
          checked={value === 'true'}
          onChange={(e) => change(String(e.target.checked))}
          data-testid={testId}
          aria-label={path}
        />
      ) : field.kind === 'json' ? (
        <textarea
          value={value}
          onChange={(e) => change(e.target.value)}
          data-testid={testId}
          aria-label={path}
          rows={4}
        />
      ) : (
        <input
          value={value}
          inputMode={field.kind === 'string' ? undefined : 'decimal'}
          onChange={(e) => change(e.target.value)}
          data-testid={testId}
          aria-label={path}
        />
      )}
    </div>
  )
}

/**
 * The run input, generated from the process's declared input schema (required marks, enums, nested objects;
 * anything else as raw JSON), with a raw-JSON view of the whole input. `onSubmit` gets the value.
 */
export function InputForm(props: {
  schema: JsonSchema
  disabled: boolean
  submitLabel: string
  onSubmit(value: unknown): void
}) {
  const fields = useMemo(() => (hasForm(props.schema) ? fieldsOf(props.schema) : []), [props.schema])
  const first = useMemo(() => initialValue(props.schema), [props.schema])
  const [raw, setRaw] = useState(!hasForm(props.schema))
  const [texts, setTexts] = useState(() => initialTexts(fields, first))
  const [rawText, setRawText] = useState(() => JSON.stringify(first, null, 2))
  const [error, setError] = useState<string | null>(null)
  const read = (): { value: unknown } | { error: string } => {
    if (!raw) return collect(fields, texts)
    try {
      return { value: JSON.parse(rawText) }
    } catch (e) {
      return { error: `the input is not JSON (${e instanceof Error ? e.message : String(e)})` }
    }
  }
  return (
    <form
      className="run-form"
      onSubmit={(e) => {
        e.preventDefault()
        const result = read()
        if ('error' in result) return setError(result.error)
        setError(null)
        props.onSubmit(result.value)
      }}
    >
      {hasForm(props.schema) && (
        <label className="row">
          <input
            type="checkbox"
            checked={raw}
            data-testid="run-input-raw-toggle"
            onChange={(e) => {
              const next = e.target.checked
              const current = read()
              if (next && 'value' in current) setRawText(JSON.stringify(current.value, null, 2))
              if (!next && !('error' in current)) setTexts(initialTexts(fields, current.value))
              setRaw(next)
            }}
          />{' '}
          Raw JSON
        </label>
      )}
      {raw ? (
        <textarea value={rawText} onChange={(e) => setRawText(e.target.value)} rows={8} data-testid="run-input-raw" />
      ) : (
        fields.map((f) => (
          <FieldInput
            key={f.name}
            field={f}
            path={f.name}
            texts={texts}
            set={(k, v) => setTexts((t) => ({ ...t, [k]: v }))}
          />
        ))
      )}
      {error && (
        <p className="error" role="alert" data-testid="run-input-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={props.disabled} data-testid="run-submit">
        {props.submitLabel}
      </button>
    </form>
  )
}
