'use client'
import { useState } from 'react'
import type { OrgChoice } from './org-choice'

type Outcome = { project?: { id: string }; error?: { message: string; problems?: Array<{ message: string }> } }

/**
 * Import: a project folder's .zip or a single OpenAPI/AsyncAPI file (one file input; the extension decides), or a
 * whole folder picked from disk. Zips and folders go to /api/v1/projects/import, a spec to the org's projects route.
 */
export function ImportProjectForm(props: { orgs: OrgChoice[] }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [orgId, setOrgId] = useState(props.orgs[0]?.id ?? '')
  const send = async (url: string, body: FormData) => {
    setBusy(true)
    setError(null)
    const response = await fetch(url, { method: 'POST', body })
    const result = (await response.json().catch(() => ({}))) as Outcome
    if (result.project) {
      window.location.assign(`/projects/${result.project.id}`)
      return
    }
    setBusy(false)
    const first = result.error?.problems?.[0]?.message
    setError(`${result.error?.message ?? 'The import failed.'}${first ? ` — ${first}` : ''}`)
  }
  return (
    <details style={{ margin: '8px 0' }}>
      <summary>Import a project (.zip, folder, or one OpenAPI / AsyncAPI file)</summary>
      <div className="row" style={{ flexWrap: 'wrap', marginTop: 8 }}>
        <select aria-label="Import into" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
          {props.orgs.map((o) => (
            <option key={o.id} value={o.id}>
              into {o.name}
            </option>
          ))}
        </select>
        <label>
          File{' '}
          <input
            type="file"
            data-testid="import-file"
            accept=".zip,.json,.yaml,.yml"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (!file) return
              const body = new FormData()
              body.set('orgId', orgId)
              if (file.name.toLowerCase().endsWith('.zip')) {
                body.set('archive', file)
                void send('/api/v1/projects/import', body)
              } else {
                body.set('spec', file)
                void send(`/api/v1/orgs/${orgId}/projects`, body)
              }
            }}
          />
        </label>
        <label>
          Folder{' '}
          <input
            type="file"
            data-testid="import-folder"
            multiple
            disabled={busy}
            {...{ webkitdirectory: '' }}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? [])
              if (files.length === 0) return
              const body = new FormData()
              body.set('orgId', orgId)
              for (const file of files) {
                body.append('files', file)
                body.append('paths', file.webkitRelativePath || file.name)
              }
              void send('/api/v1/projects/import', body)
            }}
          />
        </label>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </details>
  )
}
