'use client'
import dynamic from 'next/dynamic'
import type { EditorProps } from './Editor'

// The editor is browser-only (Yjs provider, React Flow measuring the DOM): never rendered on the server.
const Editor = dynamic(() => import('./Editor').then((m) => m.Editor), {
  ssr: false,
  loading: () => <main className="page muted">Loading the editor…</main>,
})

export function EditorLoader(props: EditorProps) {
  return <Editor {...props} />
}
