import type { DbOperation, ErrorMatcher, Node } from '../../formats'
import { allNodes } from '../process-graph'
import { byName, type ProjectModel } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'

function ops(op: DbOperation): DbOperation['op'][] {
  return op.op === 'transaction' ? ['transaction', ...op.steps.flatMap((s) => ops(s.operation))] : [op.op]
}

/** Why `matcher` can never match a failure of `node`, or undefined when it can. */
function impossible(matcher: ErrorMatcher, node: Node, model: ProjectModel): string | undefined {
  if (matcher === '*' || matcher === 'timeout') return undefined
  const kind = node.kind
  if (matcher === 'network')
    return kind === 'call-process' ? 'a child process has no network failure of its own' : undefined
  if (matcher.startsWith('status.')) {
    if (kind !== 'http') return 'only http nodes fail with an HTTP status'
    if (node.kind === 'http') {
      const code = matcher.slice('status.'.length)
      const asOutput = node.responses.find((r) => r.output && r.status === code)
      if (asOutput) return `${code} is the node's output response, not a failure`
    }
    return undefined
  }
  if (matcher === 'not-found') {
    if (node.kind !== 'database') return 'only database get operations fail with not-found'
    return ops(node.operation).includes('get') ? undefined : 'only database get operations fail with not-found'
  }
  if (matcher === 'conflict' || matcher === 'constraint') {
    if (node.kind !== 'database') return `only database writes fail with ${matcher}`
    const writes = ops(node.operation).filter((o) => ['insert', 'update', 'upsert', 'delete'].includes(o))
    return writes.length > 0 ? undefined : `only database writes fail with ${matcher}`
  }
  if (matcher === 'output-mismatch') {
    return kind === 'http' || kind === 'call-process'
      ? undefined
      : 'only http and call-process outputs are checked against a schema at run time'
  }
  if (matcher.startsWith('error.')) {
    if (node.kind !== 'call-process') return 'only call-process nodes fail with a callee’s declared error'
    const name = matcher.slice('error.'.length)
    const callee = byName(model.processes, node.process)?.value
    if (callee && !Object.hasOwn(callee.outputs.errors, name)) {
      const declared = Object.keys(callee.outputs.errors)
      return `${node.process} does not declare the error ${name} (it declares ${declared.join(', ') || 'none'})`
    }
  }
  return undefined
}

/**
 * Errors: a fail node raises a declared error; a declared error that no fail node raises is flagged (warning);
 * retrier and catch matchers that can never occur for that node kind are flagged (warning).
 */
export function errorRules(ctx: RuleContext): void {
  for (const file of ctx.model.processes) {
    const process = file.value
    if (!process) continue
    const declared = Object.keys(process.outputs.errors)
    const raised = new Set<string>()
    for (const gn of allNodes(process)) {
      const node = gn.node
      if (node.kind === 'fail') {
        raised.add(node.error)
        if (!declared.includes(node.error)) {
          ctx.report({
            rule: R.failUndeclaredError,
            file,
            pointer: `${gn.pointer}/error`,
            message: `Fail node ${gn.id} raises ${node.error}, which outputs.errors does not declare (${declared.join(', ') || 'none'}).`,
            hint: `Declare ${node.error} (description and schema) in outputs.errors, or raise a declared error.`,
          })
        }
      }
      if (!('retry' in node || 'catch' in node)) continue
      const lists: [string, ErrorMatcher[]][] = []
      if ('retry' in node) {
        for (const [i, r] of (node.retry ?? []).entries()) lists.push([`${gn.pointer}/retry/${i}/errors`, r.errors])
      }
      if ('catch' in node) {
        for (const [i, c] of (node.catch ?? []).entries()) lists.push([`${gn.pointer}/catch/${i}/errors`, c.errors])
      }
      for (const [pointer, matchers] of lists) {
        matchers.forEach((m, j) => {
          const why = impossible(m, node, ctx.model)
          if (why === undefined) return
          ctx.report({
            rule: R.matcherImpossible,
            severity: 'warning',
            file,
            pointer: `${pointer}/${j}`,
            message: `Node ${gn.id} (${node.kind}) never fails with ${m}: ${why}.`,
            hint: 'Match failures this node can have: * , timeout, and those of its kind.',
          })
        })
      }
    }
    for (const name of declared) {
      if (raised.has(name)) continue
      ctx.report({
        rule: R.errorNeverRaised,
        severity: 'warning',
        file,
        pointer: `/outputs/errors/${name}`,
        message: `Declared error ${name} is never raised: no fail node of ${process.name} ends with it.`,
        hint: `Add a fail node with "error": "${name}" where it applies, or remove the declaration.`,
      })
    }
  }
}
