'use client'

/** A side panel's title row with its close button (one shape for every panel). */
export function PanelHeader(props: { title: string; onClose(): void }) {
  return (
    <div className="row">
      <h3>{props.title}</h3>
      <span className="spacer" />
      <button type="button" onClick={props.onClose} aria-label={`Close ${props.title.toLowerCase()}`}>
        ×
      </button>
    </div>
  )
}
