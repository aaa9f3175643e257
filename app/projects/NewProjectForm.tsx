'use client'
import { useState } from 'react'

export function NewProjectForm() {
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="row"
      onSubmit={async (event) => {
        event.preventDefault()
        const name = String(new FormData(event.currentTarget).get('name') ?? '')
        const response = await fetch('/api/v1/projects', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        })
        const body = (await response.json()) as { project?: { id: string }; error?: { message: string } }
        if (body.project) window.location.assign(`/projects/${body.project.id}`)
        else setError(body.error?.message ?? 'Could not create the project.')
      }}
    >
      <input name="name" placeholder="New project name" aria-label="New project name" required />
      <button className="primary" type="submit">
        Create project
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  )
}
