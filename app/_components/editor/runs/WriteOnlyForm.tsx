'use client'
import { useState } from 'react'

/**
 * A name + value form for write-only settings (secrets, database bindings): the value is typed like a password and
 * never read back; the form clears once `save` reports success. Test ids: `<testId>-name|value|save`.
 */
export function WriteOnlyForm(props: {
  namePlaceholder: string
  valuePlaceholder: string
  submitLabel: string
  testId: string
  save(name: string, value: string): Promise<boolean>
}) {
  const [name, setName] = useState('')
  const [value, setValue] = useState('')
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault()
        if (await props.save(name, value)) {
          setName('')
          setValue('')
        }
      }}
    >
      <input
        placeholder={props.namePlaceholder}
        value={name}
        onChange={(e) => setName(e.target.value)}
        data-testid={`${props.testId}-name`}
      />
      <input
        type="password"
        placeholder={props.valuePlaceholder}
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        data-testid={`${props.testId}-value`}
      />
      <button type="submit" disabled={!name || !value} data-testid={`${props.testId}-save`}>
        {props.submitLabel}
      </button>
    </form>
  )
}
