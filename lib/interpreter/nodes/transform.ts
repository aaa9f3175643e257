import { checkSchema } from '../check-schema'
import { expressionValues, type NodeEnv, type NodeOutcome, outputMismatch } from '../node-env'
import type { TransformNode } from '../process-types'
import type { Steps } from '../steps'

/** transform: an object built field by field in declaration order (a field with no value is left out). Port `out`. */
export function* runTransform(node: TransformNode, env: NodeEnv): Steps<NodeOutcome> {
  const fields = yield* expressionValues(env, node.fields, 'fields')
  const output: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) output[name] = value
  const mismatch = checkSchema(node.output, output)
  if (mismatch) return outputMismatch('the output', mismatch)
  return { type: 'done', output, port: 'out' }
}
