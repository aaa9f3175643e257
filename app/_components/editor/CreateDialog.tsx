'use client'
import { useState } from 'react'

export interface DialogField {
  name: string
  label: string
  options?: readonly string[]
  placeholder?: string
  initial?: string
}

/** A small modal form: each field a text input or a choice. Submits the values; Escape or Cancel closes. */
export function CreateDialog(props: {
  title: string
  fields: DialogField[]
  submitLabel: string
  onSubmit(values: Record<string, string>): string | null
  onClose(): void
}) {
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="dialog-backdrop">
      <form
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
        className="dialog card"
        role="dialog"
        aria-label={props.title}
        onSubmit={(e) => {
          e.preventDefault()
          const data = new FormData(e.currentTarget)
          const values = Object.fromEntries(props.fields.map((f) => [f.name, String(data.get(f.name) ?? '').trim()]))
          const refusal = props.onSubmit(values)
          if (refusal) setError(refusal)
          else props.onClose()
        }}
      >
        <h2>{props.title}</h2>
        {props.fields.map((f) =>
          f.options ? (
            <fieldset key={f.name} className="field choice">
              <legend>{f.label}</legend>
              {f.options.map((o, i) => (
                <label key={o} className="row">
                  <input
                    type="radio"
                    name={f.name}
                    value={o}
                    defaultChecked={f.initial ? f.initial === o : i === 0}
                    data-testid={`choice-${f.name}-${o}`}
                  />
                  {o}
                </label>
              ))}
            </fieldset>
          ) : (
            <label key={f.name} className="field">
              <span>{f.label}</span>
              <input
                name={f.name}
                placeholder={f.placeholder}
                defaultValue={f.initial}
                data-testid={`dialog-${f.name}`}
              />
            </label>
          ),
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" data-testid="dialog-submit">
            {props.submitLabel}
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  )
}
