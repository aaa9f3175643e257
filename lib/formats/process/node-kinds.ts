import type { NodeKind } from '../types'

/** How a node kind executes (DESIGN §4): in the workflow (pure), as a durable workflow step, or as an activity. */
export type NodeClass = 'pure' | 'durable' | 'side-effecting'

export type NodeKindInfo = {
  kind: NodeKind
  class: NodeClass
  /** The output ports edges may start from. `catch-*` = the node's declared catch routes. */
  ports: string
  /** Where the schema of the node's output comes from. */
  output: string
  /** Needs `timeout`, may declare `retry` and `catch`. */
  retriable: boolean
}

/**
 * The node kinds with what the schema cannot say: their class, ports and output-schema source. In schema order;
 * a test checks this list against process.schema.json.
 */
export const nodeKinds: readonly NodeKindInfo[] = [
  { kind: 'compute', class: 'pure', ports: 'out', output: 'declared: `output`', retriable: false },
  { kind: 'transform', class: 'pure', ports: 'out', output: 'declared: `output`', retriable: false },
  {
    kind: 'condition',
    class: 'pure',
    ports: 'one per case name, plus `defaultPort` (`default`, or `false` in the true/false form)',
    output: 'none (routes only)',
    retriable: false,
  },
  {
    kind: 'for-each',
    class: 'durable',
    ports: 'out',
    output: 'array of the declared `output` (one body result per item, in item order)',
    retriable: false,
  },
  {
    kind: 'database',
    class: 'side-effecting',
    ports: 'out, catch-*',
    output: "derived from the block's table columns and the operation",
    retriable: true,
  },
  {
    kind: 'http',
    class: 'side-effecting',
    ports: 'out, catch-*',
    output: 'the `schema` of the response marked `output: true`',
    retriable: true,
  },
  { kind: 'queue-publish', class: 'side-effecting', ports: 'out, catch-*', output: '`{ messageId }`', retriable: true },
  {
    kind: 'call-process',
    class: 'durable',
    ports: 'out, catch-*',
    output: "the callee's `outputs.success`",
    retriable: true,
  },
  { kind: 'wait', class: 'durable', ports: 'out', output: 'null', retriable: false },
  {
    kind: 'return',
    class: 'pure',
    ports: 'none (ends the run or the for-each item)',
    output: 'the run output',
    retriable: false,
  },
  {
    kind: 'fail',
    class: 'pure',
    ports: 'none (ends the run with a declared error)',
    output: 'the error details',
    retriable: false,
  },
]
