import type { NodeState, NodeStatus } from '../../../../lib/interpreter'

/** What a box shows of a run: its state, while retrying the attempt count, in a body how many items reached it. */
export type NodeStatusBadge = { status: string; attempt?: number; items?: number }

/** Which state a body's box shows when its items differ: the one that needs the user's eye first. */
const urgency: readonly NodeStatus[] = [
  'failed',
  'retrying',
  'running',
  'waiting',
  'cancelled',
  'caught',
  'succeeded',
  'skipped',
  'pending',
]

/**
 * A run's node states (keyed by node path: `id` at the top level, `loop[2].id` in a for-each body) as badges for
 * one canvas's boxes. On a process's top level, each box shows its own state. On the body of for-each `body`, a box
 * stands for every item's run of that node: it shows the most urgent of their states (a failure first), the most
 * attempts any item made, and how many items reached it.
 */
export function nodeStatusBadges(
  nodes: Readonly<Record<string, NodeState>>,
  body?: string,
): Map<string, NodeStatusBadge> {
  const out = new Map<string, NodeStatusBadge>()
  if (body === undefined) {
    for (const [path, state] of Object.entries(nodes)) out.set(path, { status: state.status, attempt: state.attempts })
    return out
  }
  for (const [path, state] of Object.entries(nodes)) {
    const id = bodyPathOf(path, body)?.id
    if (id === undefined) continue
    const seen = out.get(id)
    if (!seen) {
      out.set(id, { status: state.status, attempt: state.attempts, items: 1 })
      continue
    }
    const worse = urgency.indexOf(state.status) < urgency.indexOf(seen.status as NodeStatus)
    out.set(id, {
      status: worse ? state.status : seen.status,
      attempt: Math.max(seen.attempt ?? 1, state.attempts),
      items: (seen.items ?? 0) + 1,
    })
  }
  return out
}

/**
 * The node path whose data a selected box shows in the Runs panel: the box's own at the top level; in the body of
 * for-each `body`, the item its badge stands for (the most urgent state, the first such item).
 */
export function nodePathOf(nodes: Readonly<Record<string, NodeState>>, id: string, body?: string): string {
  if (body === undefined) return id
  let best: { path: string; item: number; rank: number } | null = null
  for (const [path, state] of Object.entries(nodes)) {
    const at = bodyPathOf(path, body)
    if (at?.id !== id) continue
    const { item } = at
    const rank = urgency.indexOf(state.status)
    if (!best || rank < best.rank || (rank === best.rank && item < best.item)) best = { path, item, rank }
  }
  return best?.path ?? `${body}[0].${id}`
}

/**
 * Which item and body node a node path names in for-each `body` (`loop[2].id` → item 2, node `id`), or undefined
 * for any other path (the top level, another for-each, a nested for-each's own items: they stay with that node).
 */
function bodyPathOf(path: string, body: string): { item: number; id: string } | undefined {
  if (!path.startsWith(`${body}[`)) return undefined
  const match = /^(\d+)\]\.([^[\]]+)$/.exec(path.slice(body.length + 1))
  return match?.[1] && match[2] ? { item: Number(match[1]), id: match[2] } : undefined
}
