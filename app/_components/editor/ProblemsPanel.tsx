'use client'
import type { LocatedProblem } from './use-problems'

/** Problems of the working copy; clicking one opens its element. */
export function ProblemsPanel(props: {
  problems: LocatedProblem[]
  checking: boolean
  onOpen(problem: LocatedProblem): void
}) {
  return (
    <section className="problems" aria-label="Problems" data-testid="problems">
      <h3>Problems {props.checking && <span className="muted">(checking…)</span>}</h3>
      {props.problems.length === 0 ? (
        <p className="muted" data-testid="no-problems">
          No problems.
        </p>
      ) : (
        <ul>
          {props.problems.map((p) => (
            <li key={`${p.file}:${p.pointer}:${p.rule}:${p.message}`} className={`problem ${p.severity}`}>
              <button type="button" onClick={() => props.onOpen(p)} data-testid="problem">
                <strong>{p.severity}</strong> {p.message}
                <span className="muted">
                  {' '}
                  {p.file}
                  {p.line ? `:${p.line}:${p.column ?? 1}` : ''} · {p.rule}
                </span>
              </button>
              {p.hint && <div className="hint">{p.hint}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
