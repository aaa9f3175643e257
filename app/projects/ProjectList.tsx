'use client'
import { useMemo, useState } from 'react'
import { apiCall, messageOf } from '../account/api-call'
import type { OrgChoice } from './org-choice'
import { ProjectMembers } from './ProjectMembers'

export interface DashboardProject {
  id: string
  name: string
  archived: boolean
  orgId: string
  orgName: string
  role: 'owner' | 'editor' | 'commenter' | 'viewer'
  headCommitId: string | null
  createdAt: string
}

/** Case- and accent-insensitive "contains" over name and organization. */
function matches(project: DashboardProject, query: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
  const q = fold(query.trim())
  return !q || fold(project.name).includes(q) || fold(project.orgName).includes(q)
}

export function ProjectList(props: { projects: DashboardProject[]; orgs: OrgChoice[] }) {
  const [projects, setProjects] = useState(props.projects)
  const [query, setQuery] = useState('')
  const [showArchived, setShowArchived] = useState(false)
  const visible = useMemo(
    () => projects.filter((p) => (showArchived || !p.archived) && matches(p, query)),
    [projects, query, showArchived],
  )
  const update = (id: string, change: Partial<DashboardProject> | null) =>
    setProjects((list) =>
      change === null ? list.filter((p) => p.id !== id) : list.map((p) => (p.id === id ? { ...p, ...change } : p)),
    )
  const archivedCount = projects.filter((p) => p.archived).length
  return (
    <section>
      <div className="row" style={{ margin: '12px 0' }}>
        <input
          type="search"
          placeholder="Search projects"
          aria-label="Search projects"
          data-testid="project-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="row">
          <input
            type="checkbox"
            data-testid="show-archived"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
          />
          Show archived ({archivedCount})
        </label>
      </div>
      <ul data-testid="project-list" style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 8 }}>
        {visible.map((p) => (
          <ProjectRow key={p.id} project={p} onChange={(change) => update(p.id, change)} />
        ))}
      </ul>
      {projects.length === 0 && <p className="muted">No projects yet: create one above.</p>}
      {projects.length > 0 && visible.length === 0 && (
        <p className="muted" data-testid="no-match">
          No project matches “{query}”{showArchived ? '' : ' (archived ones are hidden)'}.
        </p>
      )}
    </section>
  )
}

type Panel = 'rename' | 'delete' | 'members' | null

function ProjectRow(props: {
  project: DashboardProject
  onChange: (change: Partial<DashboardProject> | null) => void
}) {
  const p = props.project
  const [panel, setPanel] = useState<Panel>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const owner = p.role === 'owner'
  const url = `/api/v1/projects/${p.id}`
  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    try {
      await action()
      setError(null)
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <li className="card" data-testid="project-row" data-project-id={p.id}>
      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <div className="row">
          <a href={`/projects/${p.id}`} data-testid="project-link">
            <strong>{p.name}</strong>
          </a>
          <span className="muted">{p.orgName}</span>
          <span className="badge">{p.role}</span>
          {p.archived && (
            <span className="badge" data-testid="archived-badge">
              archived
            </span>
          )}
        </div>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          {owner && (
            <button
              type="button"
              data-testid="project-rename"
              onClick={() => setPanel(panel === 'rename' ? null : 'rename')}
            >
              Rename
            </button>
          )}
          <button
            type="button"
            data-testid="project-duplicate"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const { project } = await apiCall<{ project: { id: string } }>(url, { body: { action: 'duplicate' } })
                window.location.assign(`/projects/${project.id}`)
              })
            }
          >
            Duplicate
          </button>
          {owner && (
            <button
              type="button"
              data-testid="project-archive"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await apiCall(url, { method: 'PATCH', body: { archived: !p.archived } })
                  props.onChange({ archived: !p.archived })
                })
              }
            >
              {p.archived ? 'Unarchive' : 'Archive'}
            </button>
          )}
          <button
            type="button"
            data-testid="project-members"
            onClick={() => setPanel(panel === 'members' ? null : 'members')}
          >
            Members
          </button>
          {p.headCommitId ? (
            <a href={`${url}/commits/${p.headCommitId}/zip`} data-testid="project-download" download>
              Download .zip
            </a>
          ) : (
            <span className="muted" title="Commit the project once to download it">
              No commit yet
            </span>
          )}
          {owner && (
            <button
              type="button"
              data-testid="project-delete"
              onClick={() => setPanel(panel === 'delete' ? null : 'delete')}
            >
              Delete
            </button>
          )}
        </div>
      </div>
      {panel === 'rename' && (
        <form
          className="row"
          style={{ marginTop: 8 }}
          onSubmit={(event) => {
            event.preventDefault()
            const name = String(new FormData(event.currentTarget).get('projectName') ?? '')
            void run(async () => {
              const { project } = await apiCall<{ project: { name: string } }>(url, { method: 'PATCH', body: { name } })
              props.onChange({ name: project.name })
              setPanel(null)
            })
          }}
        >
          <input
            name="projectName"
            defaultValue={p.name}
            aria-label="Project name"
            data-testid="rename-input"
            required
          />
          <button type="submit" className="primary" data-testid="rename-save">
            Save
          </button>
        </form>
      )}
      {panel === 'delete' && (
        <form
          style={{ marginTop: 8 }}
          onSubmit={(event) => {
            event.preventDefault()
            const confirm = String(new FormData(event.currentTarget).get('confirmName') ?? '')
            void run(async () => {
              await apiCall(url, { method: 'DELETE', body: { confirm } })
              props.onChange(null)
            })
          }}
        >
          <p>
            This deletes <strong>{p.name}</strong> for good: its design, history and share links. Type its name to
            confirm.
          </p>
          <div className="row">
            <input
              name="confirmName"
              aria-label="Type the project name"
              data-testid="delete-confirm"
              autoComplete="off"
            />
            <button type="submit" data-testid="delete-submit">
              Delete forever
            </button>
          </div>
        </form>
      )}
      {panel === 'members' && <ProjectMembers projectId={p.id} canManage={owner} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
