import { parseExpression } from '../../expressions'
import { allNodes } from '../process-graph'
import { byName } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'
import { inputProperties } from './trigger-rules'
import { objectKeys } from './value-shape-rules'

/**
 * call-process targets exist; no process reaches itself through call-process (direct or mutual recursion would
 * never end); when the input is an object constructor, the callee's required inputs are present and its other
 * keys are declared (warnings: best effort, the expression may compute more).
 */
export function callProcessRules(ctx: RuleContext): void {
  const { model } = ctx
  const calls = new Map<string, Set<string>>()
  for (const file of model.processes) {
    const process = file.value
    if (!process) continue
    const callees = new Set<string>()
    calls.set(process.name, callees)
    for (const gn of allNodes(process)) {
      const node = gn.node
      if (node.kind !== 'call-process') continue
      callees.add(node.process)
      const callee = byName(model.processes, node.process)
      if (!callee) {
        ctx.report({
          rule: R.callUnknownProcess,
          file,
          pointer: `${gn.pointer}/process`,
          message: `Node ${gn.id} calls process ${node.process}, which is not in the project.`,
          hint: 'Name an existing process (by name), or create it.',
        })
        continue
      }
      if (!callee.value) continue
      const parsed = parseExpression(node.input.expr, ctx.parseCache)
      const keys = parsed.ok ? objectKeys(parsed.ast) : undefined
      if (!keys) continue
      const { properties, required, known } = inputProperties(callee.value)
      for (const r of required) {
        if (!keys.includes(r)) {
          ctx.report({
            rule: R.callMissingInput,
            severity: 'warning',
            file,
            pointer: `${gn.pointer}/input/expr`,
            message: `Node ${gn.id} calls ${node.process} without its required input ${r}.`,
            hint: `Add "${r}": … to the input object.`,
          })
        }
      }
      if (known) {
        for (const k of keys) {
          if (!properties.includes(k)) {
            ctx.report({
              rule: R.callUnknownInput,
              severity: 'warning',
              file,
              pointer: `${gn.pointer}/input/expr`,
              message: `Node ${gn.id} passes ${k}, which ${node.process} does not declare as an input.`,
              hint: `Inputs of ${node.process}: ${properties.join(', ') || 'none'}.`,
            })
          }
        }
      }
    }
  }
  // A process is recursive when it can reach itself in the call graph.
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>()
    const stack = [...(calls.get(from) ?? [])]
    while (stack.length > 0) {
      const p = stack.pop() as string
      if (p === target) return true
      if (seen.has(p)) continue
      seen.add(p)
      stack.push(...(calls.get(p) ?? []))
    }
    return false
  }
  for (const file of model.processes) {
    const process = file.value
    if (!process) continue
    for (const gn of allNodes(process)) {
      const node = gn.node
      if (node.kind !== 'call-process') continue
      if (node.process === process.name || reaches(node.process, process.name)) {
        ctx.report({
          rule: R.callRecursion,
          file,
          pointer: `${gn.pointer}/process`,
          message:
            node.process === process.name
              ? `Node ${gn.id}: process ${process.name} calls itself.`
              : `Node ${gn.id}: calling ${node.process} leads back to ${process.name} (mutual recursion).`,
          hint: 'Processes may not recurse through call-process; loop with a for-each node instead.',
        })
      }
    }
  }
}
