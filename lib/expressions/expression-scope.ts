import type { JsonSchema } from './schema-fields'

/**
 * What an expression may read at its place in a process. The validator builds it per node: `nodes` holds only
 * the nodes that certainly ran before on every path (dominators), `item` is present only inside for-each bodies.
 * Schemas are optional: when known, field paths are checked against them (warnings).
 */
export type ExpressionScope = {
  /** JSON Schema of the process input. */
  input?: JsonSchema
  /** Node id → its output schema, for nodes whose output is available here. */
  nodes: Readonly<Record<string, { output?: JsonSchema }>>
  /** Every node id of the process, so a node that exists but has not certainly run gets its own message. */
  processNodeIds?: readonly string[]
  /** Node id → the for-each whose body holds it, for body nodes not visible here (a better message). */
  bodyOf?: Readonly<Record<string, string>>
  /** Present inside a for-each body: the schema of one item when known. */
  item?: { schema?: JsonSchema }
}

/** The fields of `run`, supplied deterministically by the interpreter. */
export const runFields = ['id', 'startedAt'] as const

/** A scope with nothing but input and run: the profile rules plus root names. */
export const emptyScope: ExpressionScope = { nodes: {} }
