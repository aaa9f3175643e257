'use client'
import { useCallback, useEffect, useState } from 'react'
import { api } from '../api-client'
import { PanelHeader } from '../PanelHeader'
import { WriteOnlyForm } from './WriteOnlyForm'

type Step = { sql: string; destructive: boolean; reason?: string }
type Migration = { database: string; steps: Step[] }[]
type Note = { block: string; kind: string; message: string }
type Environment = {
  name: string
  allowPrivateNetwork: boolean
  activeDeployment: { id: string; commitId: string } | null
  secrets: { name: string; updatedAt: string }[]
  bindings: { database: string; managed: boolean }[]
}
type Commit = { id: string; message: string; createdAt: string }

function MigrationView(props: { migration: Migration; notes: Note[] }) {
  return (
    <div data-testid="deploy-migration">
      {props.migration.map((m) => (
        <div key={m.database}>
          <strong>{m.database}</strong>
          {m.steps.length === 0 ? (
            <p className="muted">no change</p>
          ) : (
            <ol>
              {m.steps.map((s) => (
                <li key={s.sql} data-destructive={s.destructive ? 'true' : undefined}>
                  {s.destructive && <span className="badge danger">destructive</span>} <code>{s.sql}</code>
                  {s.reason ? <span className="muted"> — {s.reason}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
      {props.notes.map((n) => (
        <p key={`${n.block}-${n.kind}`} className="muted" data-testid="deploy-note">
          {n.block}: {n.message}
        </p>
      ))}
    </div>
  )
}

/**
 * Deployments: a commit into an environment, its migration shown first (dry run), destructive steps only after an
 * explicit confirmation; each environment's active commit, secrets (names only, write-only values) and database
 * bindings (write-only URLs).
 */
export function DeployPanel(props: { projectId: string; isOwner: boolean; canWrite: boolean; onClose(): void }) {
  const base = `/api/v1/projects/${props.projectId}`
  const [commits, setCommits] = useState<Commit[]>([])
  const [environments, setEnvironments] = useState<Environment[]>([])
  const [commitId, setCommitId] = useState('')
  const [environment, setEnvironment] = useState('development')
  const [plan, setPlan] = useState<{ migration: Migration; notes: Note[]; destructive: boolean } | null>(null)
  const [confirm, setConfirm] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const reload = useCallback(async () => {
    const [c, e] = await Promise.all([
      api<{ commits: Commit[] }>(`${base}/commits`),
      api<{ environments: Environment[] }>(`${base}/environments`),
    ])
    if (c.ok) {
      setCommits(c.body.commits)
      setCommitId((id) => id || c.body.commits[0]?.id || '')
    }
    if (e.ok) setEnvironments(e.body.environments)
  }, [base])
  /** PUT of a write-only environment setting (secret, binding); true when saved. */
  const putSetting = async (path: string, body: object, saved: string): Promise<boolean> => {
    const r = await api(`${base}/environments/${environment}/${path}`, { method: 'PUT', body: JSON.stringify(body) })
    setMessage(r.ok ? saved : r.message)
    void reload()
    return r.ok
  }
  useEffect(() => {
    void reload()
  }, [reload])
  const mayDeploy = environment === 'production' ? props.isOwner : props.canWrite
  const deploy = async (dryRun: boolean) => {
    const r = await api<{ deployment: { id: string | null; migration: Migration; notes?: Note[]; applied: boolean } }>(
      `${base}/deployments`,
      { method: 'POST', body: JSON.stringify({ commitId, environment, dryRun, confirmDestructive: confirm }) },
    )
    if (r.ok) {
      const { migration, notes = [], applied } = r.body.deployment
      setPlan({ migration, notes, destructive: migration.some((m) => m.steps.some((s) => s.destructive)) })
      setMessage(applied ? `Deployed ${commitId.slice(0, 12)} to ${environment}.` : 'Dry run: nothing changed yet.')
      if (applied) void reload()
    } else {
      const migration = r.details?.migration as Migration | undefined
      if (migration) setPlan({ migration, notes: [], destructive: true })
      setMessage(r.problems?.length ? `${r.message}: ${r.problems.map((p) => p.message).join('; ')}` : r.message)
    }
  }
  const env = environments.find((e) => e.name === environment)
  return (
    <div className="side-panel" data-testid="deploy-panel">
      <PanelHeader title={'Deploy'} onClose={props.onClose} />
      {commits.length === 0 && <p className="muted">Commit the project first: a deployment runs a commit.</p>}
      <label>
        Commit{' '}
        <select
          value={commitId}
          onChange={(e) => {
            setCommitId(e.target.value)
            setPlan(null)
          }}
          data-testid="deploy-commit"
        >
          {commits.map((c) => (
            <option key={c.id} value={c.id}>
              {c.message} ({c.id.slice(0, 12)})
            </option>
          ))}
        </select>
      </label>
      <label>
        to{' '}
        <select
          value={environment}
          onChange={(e) => {
            setEnvironment(e.target.value)
            setPlan(null)
          }}
          data-testid="deploy-environment"
        >
          <option value="development">development</option>
          <option value="production">production</option>
        </select>
      </label>
      <p className="muted" data-testid="deploy-active">
        {env?.activeDeployment ? `Active: ${env.activeDeployment.commitId.slice(0, 12)}` : 'Nothing deployed yet.'}
      </p>
      <div className="row">
        <button type="button" disabled={!commitId} onClick={() => void deploy(true)} data-testid="deploy-dry-run">
          Show migration
        </button>
        <button
          type="button"
          className="primary"
          disabled={!commitId || !mayDeploy || (plan?.destructive === true && !confirm)}
          onClick={() => void deploy(false)}
          data-testid="deploy-submit"
        >
          Deploy
        </button>
      </div>
      {plan?.destructive && (
        <label className="error">
          <input
            type="checkbox"
            checked={confirm}
            onChange={(e) => setConfirm(e.target.checked)}
            data-testid="deploy-confirm-destructive"
          />{' '}
          I understand the destructive steps will drop data
        </label>
      )}
      {message && <p data-testid="deploy-message">{message}</p>}
      {plan && <MigrationView migration={plan.migration} notes={plan.notes} />}
      {env && (
        <section>
          <label>
            <input
              type="checkbox"
              checked={env.allowPrivateNetwork}
              disabled={!props.isOwner}
              data-testid="env-private-network"
              onChange={async (e) => {
                const r = await api(`${base}/environments/${environment}`, {
                  method: 'PATCH',
                  body: JSON.stringify({ allowPrivateNetwork: e.target.checked }),
                })
                if (!r.ok) setMessage(r.message)
                void reload()
              }}
            />{' '}
            HTTP nodes in {environment} may reach private, loopback and link-local addresses
          </label>
          <h4>Secrets in {environment}</h4>
          <ul data-testid="secret-list">
            {env.secrets.map((s) => (
              <li key={s.name} className="row">
                <code>{s.name}</code>
                <span className="muted">set {new Date(s.updatedAt).toLocaleString()}</span>
                {props.isOwner && (
                  <button
                    type="button"
                    className="link"
                    onClick={async () => {
                      await api(`${base}/environments/${environment}/secrets/${s.name}`, { method: 'DELETE' })
                      void reload()
                    }}
                  >
                    Delete
                  </button>
                )}
              </li>
            ))}
            {env.secrets.length === 0 && <li className="muted">No secrets.</li>}
          </ul>
          {props.isOwner && (
            <WriteOnlyForm
              namePlaceholder="NAME"
              valuePlaceholder="value"
              submitLabel="Set"
              testId="secret"
              save={(name, value) =>
                putSetting(`secrets/${name}`, { value }, `Secret ${name} saved (it is never shown again).`)
              }
            />
          )}
          <h4>Database bindings in {environment}</h4>
          <ul>
            {env.bindings.map((b) => (
              <li key={b.database}>
                <code>{b.database}</code>{' '}
                {b.managed ? <span className="muted">(a database of its own, managed)</span> : 'bound'}
              </li>
            ))}
            {env.bindings.length === 0 && <li className="muted">None: SQL blocks get a database of their own.</li>}
          </ul>
          {props.isOwner && (
            <WriteOnlyForm
              namePlaceholder="database block"
              valuePlaceholder="postgres://…"
              submitLabel="Bind"
              testId="binding"
              save={(database, url) =>
                putSetting(`bindings/${database}`, { url }, `${database} bound (the URL is never shown again).`)
              }
            />
          )}
        </section>
      )}
    </div>
  )
}
