import type { ProcessFile } from '../../formats'
import {
  findCycles,
  type Graph,
  portsOf,
  processGraphs,
  pureKinds,
  reachable,
  sideEffectingKinds,
} from '../process-graph'
import type { ProjectFile } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'

function checkGraph(ctx: RuleContext, file: ProjectFile<ProcessFile>, graph: Graph): void {
  const where = graph.key === '' ? 'the process' : `the body of for-each ${graph.key}`
  if (!graph.nodes.has(graph.entry)) {
    ctx.report({
      rule: R.graphEntryUnknown,
      file,
      pointer: `${graph.pointer}/entry`,
      message: `The entry of ${where} is ${graph.entry}, which is not one of its nodes.`,
      hint: `Set entry to one of: ${[...graph.nodes.keys()].join(', ') || '(add a node first)'}.`,
    })
  }
  const used = new Map<string, string>()
  for (const { edge, pointer } of graph.edges) {
    const from = graph.nodes.get(edge.from)
    for (const end of ['from', 'to'] as const) {
      if (!graph.nodes.has(edge[end])) {
        ctx.report({
          rule: R.edgeUnknownNode,
          file,
          pointer: `${pointer}/${end}`,
          message: `An edge of ${where} ${end === 'from' ? 'starts at' : 'leads to'} ${edge[end]}, which is not a node of ${where}.`,
          hint: 'Edges join nodes of the same graph (a for-each body is its own graph); fix or remove the edge.',
        })
      }
    }
    if (edge.to === graph.entry && graph.nodes.has(edge.to)) {
      ctx.report({
        rule: R.edgeToEntry,
        file,
        pointer: `${pointer}/to`,
        message: `An edge leads back to the entry ${edge.to} of ${where}.`,
        hint: 'Nothing may lead to the entry node; loop with a for-each node instead.',
      })
    }
    if (!from) continue
    const ports = portsOf(from.node)
    if (!ports.some((p) => p.name === edge.port)) {
      ctx.report({
        rule: R.edgeUnknownPort,
        file,
        pointer: `${pointer}/port`,
        message:
          ports.length === 0
            ? `Node ${edge.from} (${from.node.kind}) ends the run and has no output ports, but an edge leaves it through ${edge.port}.`
            : `Node ${edge.from} (${from.node.kind}) has no port ${edge.port}; its ports are ${ports.map((p) => p.name).join(', ')}.`,
        hint: 'Use one of the node’s ports (out, a condition case or default, or a declared catch port).',
      })
      continue
    }
    const key = `${edge.from}\u0000${edge.port}`
    const first = used.get(key)
    if (first !== undefined) {
      ctx.report({
        rule: R.edgePortReused,
        file,
        pointer: `${pointer}/port`,
        message: `Port ${edge.port} of node ${edge.from} already leads to ${first}; a port leads to exactly one node.`,
        hint: 'Remove one of the edges (run steps one after the other, or fan out with a for-each).',
      })
    } else used.set(key, edge.to)
  }
  for (const [id, gn] of graph.nodes) {
    if (gn.node.kind === 'condition') {
      const seen = new Set<string>()
      const defaultPort = gn.node.defaultPort
      gn.node.cases.forEach((c, i) => {
        if (seen.has(c.name) || c.name === defaultPort) {
          ctx.report({
            rule: R.conditionDuplicateCase,
            file,
            pointer: `${gn.pointer}/cases/${i}/name`,
            message: `Condition ${id} has the port ${c.name} twice.`,
            hint: 'Give each case a distinct name, different from the default port.',
          })
        }
        seen.add(c.name)
      })
    }
    if ('catch' in gn.node && gn.node.catch) {
      const seen = new Set<string>()
      gn.node.catch.forEach((c, i) => {
        if (seen.has(c.port)) {
          ctx.report({
            rule: R.catchDuplicatePort,
            file,
            pointer: `${gn.pointer}/catch/${i}/port`,
            message: `Node ${id} declares the catch port ${c.port} twice.`,
            hint: 'Give each catch route its own port, or merge their error lists.',
          })
        }
        seen.add(c.port)
      })
    }
    portsOf(gn.node).forEach((port) => {
      if (used.has(`${id}\u0000${port.name}`)) return
      const catchIndex = 'catch' in gn.node ? (gn.node.catch ?? []).findIndex((c) => c.port === port.name) : -1
      ctx.report({
        rule: R.graphPortUnconnected,
        file,
        pointer:
          port.kind === 'catch'
            ? `${gn.pointer}/catch/${catchIndex}/port`
            : port.kind === 'case'
              ? `${gn.pointer}/cases`
              : gn.pointer,
        message: `Port ${port.name} of node ${id} leads nowhere: every path must end in a return or fail node.`,
        hint:
          port.kind === 'catch'
            ? `Connect ${port.name} to the node that handles those failures (or remove the catch route).`
            : `Connect ${port.name} to the next node, or end the path with a return or fail node.`,
      })
    })
  }
  for (const cycle of findCycles(graph)) {
    const first = cycle[0] ?? ''
    ctx.report({
      rule: R.graphCycle,
      file,
      pointer: graph.nodes.get(first)?.pointer ?? graph.pointer,
      message: `${where[0]?.toUpperCase()}${where.slice(1)} loops: ${[...cycle, first].join(' → ')}.`,
      hint: 'Graphs are acyclic; repeat work over an array with a for-each node.',
    })
  }
  const live = reachable(graph)
  if (graph.nodes.has(graph.entry)) {
    for (const [id, gn] of graph.nodes) {
      if (live.has(id)) continue
      ctx.report({
        rule: R.graphUnreachable,
        severity: 'warning',
        file,
        pointer: gn.pointer,
        message: `Node ${id} can never run: no path from the entry ${graph.entry} reaches it.`,
        hint: 'Connect it from a node that runs, or delete it.',
      })
    }
  }
}

/**
 * The node graph of each process and for-each body: the entry exists; edges join existing nodes through ports
 * the source node has; each port leads to one node and every port is connected (so every path ends in return or
 * fail, catch ports included); no cycles (loops are for-each); unreachable nodes flagged; node ids unique across
 * bodies; calculation processes use pure nodes only.
 */
export function graphRules(ctx: RuleContext): void {
  for (const file of ctx.model.processes) {
    const process = file.value
    if (!process) continue
    const graphs = processGraphs(process)
    const ids = new Map<string, string>()
    for (const graph of graphs) {
      checkGraph(ctx, file, graph)
      for (const [id, gn] of graph.nodes) {
        const first = ids.get(id)
        if (first !== undefined) {
          ctx.report({
            rule: R.graphDuplicateNodeId,
            file,
            pointer: gn.pointer,
            message: `Node id ${id} is used twice in process ${process.name} (at ${first} and ${gn.pointer}).`,
            hint: 'Node ids are unique within a process, for-each bodies included; rename one.',
          })
        } else ids.set(id, gn.pointer)
        if (process.type === 'calculation' && !pureKinds.has(gn.node.kind)) {
          const kind = sideEffectingKinds.has(gn.node.kind) ? 'side-effecting' : 'durable'
          ctx.report({
            rule: R.calculationImpure,
            file,
            pointer: `${gn.pointer}/kind`,
            message: `Node ${id} is a ${gn.node.kind} node (${kind}); a calculation process uses pure nodes only.`,
            hint: 'Use compute, transform, condition, return and fail nodes, or change the process type.',
          })
        }
      }
    }
  }
}
