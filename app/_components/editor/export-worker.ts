/// <reference lib="webworker" />
import * as Y from 'yjs'
import { exportProjectWithOwners } from '../../../lib/doc'

// A replica of the design document, fed every update the page's document sees; exports run here so printing a
// large project (≈ 0.5 s for a 1,000-operation spec) never blocks the page.
const doc = new Y.Doc()
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<{ type: 'update'; update: Uint8Array } | { type: 'export'; id: number }>) => {
  const message = event.data
  if (message.type === 'update') Y.applyUpdate(doc, message.update)
  else scope.postMessage({ type: 'exported', id: message.id, ...exportProjectWithOwners(doc) })
}
