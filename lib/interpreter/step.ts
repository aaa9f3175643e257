import { checkSchema } from './check-schema'
import { type ExpressionContext, evaluateSteps } from './evaluate'
import { ExpressionFailure, type NodeEnv, type NodeOutcome } from './node-env'
import { runCallProcess } from './nodes/call-process'
import { runCompute } from './nodes/compute'
import { runCondition } from './nodes/condition'
import { completeDatabase, runDatabase } from './nodes/database'
import { runFail } from './nodes/fail'
import { runForEach } from './nodes/for-each'
import { completeHttp, runHttp } from './nodes/http'
import { completeQueuePublish, runQueuePublish } from './nodes/queue-publish'
import { runReturn } from './nodes/return'
import { runTransform } from './nodes/transform'
import { runWait } from './nodes/wait'
import type { CatchRoute, Edge, ForEachNode, Graph, Node, Retrier } from './process-types'
import { findCatch, findRetrier, retryDelay } from './retrier'
import { seedRandom } from './seeded-random'
import { runSteps, type Steps } from './steps'
import type {
  Command,
  DefinitionBundle,
  Frame,
  HttpResponse,
  NodeError,
  NodeState,
  RunError,
  RunEvent,
  RunInfo,
  RunState,
  StepResult,
} from './types'

/**
 * A run as data: its definitions (shared, never copied or changed), the facts the shell supplied, and the walk so far.
 * Every field but `bundle` is plain JSON.
 */
export type Run = { bundle: DefinitionBundle; state: RunState }

/**
 * Starts a run: checks the input against the process's input schema (a mismatch ends the run at once with
 * `input-mismatch`) and returns its initial state. Pure: the run id, start time and seed come from the caller.
 * Feed `{ type: 'start' }` to `step` for the first plan.
 */
export function startRun(bundle: DefinitionBundle, input: unknown, run: RunInfo): Run {
  const state: RunState = {
    version: 1,
    run,
    input,
    status: 'running',
    rng: seedRandom(run.seed),
    seq: 0,
    frames: { '': newFrame('', [], undefined, undefined) },
    nodes: {},
    pending: {},
  }
  const mismatch = checkSchema(bundle.process.inputs, input)
  if (mismatch) {
    state.status = 'failed'
    state.error = {
      name: 'input-mismatch',
      message: `the input does not match the process inputs: ${mismatch}`,
      declared: false,
    }
  }
  return { bundle, state }
}

/**
 * One interpreter step: applies an event (start, an activity/child result, a timer) to the run, evaluates every pure
 * node that became ready, and returns the new state with the plan of what the shell must do next (call activities,
 * start children or timers, or complete/fail the run). Pure and deterministic: the input run is not changed, the
 * same run and event give the same result. `now` (epoch ms) is only read by wait-until; it defaults to the run's
 * start time.
 */
export function step(input: Run, event: RunEvent, now?: number): StepOutput | Promise<StepOutput> {
  return runSteps(walk(input, event, now))
}

/** What `step` gives: the new run and its plan. */
export type StepOutput = { run: Run } & StepResult

// Synchronous unless an expression needs jsonata's async evaluator: a step inside a workflow then creates no
// promise at all (lib/interpreter/steps.ts says why that matters).
function* walk(input: Run, event: RunEvent, now: number | undefined): Steps<StepOutput> {
  const walker = new Walker(input.bundle, cloneJson(input.state), now ?? Date.parse(input.state.run.startedAt))
  yield* walker.apply(event)
  const run = { bundle: input.bundle, state: walker.state }
  return { run, state: walker.state, plan: walker.plan }
}

/**
 * The run as it stands when the shell cancels it: nodes still in flight become `cancelled`. Pure; the status of
 * the run itself is the shell's (a cancelled run is no success and no declared failure).
 */
export function cancelRun(input: Run): Run {
  const state = cloneJson(input.state)
  for (const ns of Object.values(state.nodes)) {
    if (ns.status === 'running' || ns.status === 'retrying' || ns.status === 'waiting') ns.status = 'cancelled'
  }
  return { bundle: input.bundle, state }
}

/** Node path of a node in a frame: frame ids are path prefixes (`''`, `loop[2].`). */
function nodePath(frameId: string, nodeId: string): string {
  return frameId + nodeId
}

function newFrame(id: string, graphPath: string[], parent: Frame['parent'], item: unknown): Frame {
  const frame: Frame = { id, graphPath, edges: {}, started: {}, outputs: {}, forEach: {}, finished: false }
  if (parent) frame.parent = parent
  if (parent) frame.item = item
  return frame
}

function edgeKey(edge: Edge): string {
  return `${edge.from}\u0000${edge.port}\u0000${edge.to}`
}

type GraphIndex = { incoming: Map<string, Edge[]>; outgoing: Map<string, Edge[]> }
const graphIndexes = new WeakMap<Graph, GraphIndex>()

/** Incoming and outgoing edges per node, memoized per (immutable) graph object. */
function indexOf(graph: Graph): GraphIndex {
  let index = graphIndexes.get(graph)
  if (!index) {
    index = { incoming: new Map(), outgoing: new Map() }
    for (const edge of graph.edges) {
      index.incoming.set(edge.to, [...(index.incoming.get(edge.to) ?? []), edge])
      index.outgoing.set(edge.from, [...(index.outgoing.get(edge.from) ?? []), edge])
    }
    graphIndexes.set(graph, index)
  }
  return index
}

export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneJson) as T
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = cloneJson(v)
  return out as T
}

type Ready = { frameId: string; nodeId: string }

/** The mutable working copy of one step; `step` hands it a private clone so the caller's state stays untouched. */
class Walker {
  readonly plan: Command[] = []
  private readonly ready: Ready[] = []

  constructor(
    readonly bundle: DefinitionBundle,
    readonly state: RunState,
    readonly now: number,
  ) {}

  *apply(event: RunEvent): Steps<void> {
    const { state } = this
    if (state.status !== 'running') {
      if (event.type === 'start') this.plan.push(this.endCommand())
      return
    }
    switch (event.type) {
      case 'start':
        this.ready.push({ frameId: '', nodeId: this.bundle.process.entry })
        break
      case 'activity-completed':
      case 'activity-failed':
      case 'child-completed':
      case 'child-failed':
      case 'timer-fired': {
        const pending = state.pending[event.id]
        if (!pending) return // a late result of a finished frame (the run ended or moved on): nothing to do
        delete state.pending[event.id]
        const frame = state.frames[pending.frameId]
        if (!frame || frame.finished) return
        yield* this.resume(frame, pending.nodeId, pending.purpose, event)
        break
      }
    }
    yield* this.drain()
  }

  private endCommand(): Command {
    const { state } = this
    return state.status === 'succeeded'
      ? { type: 'complete', output: state.output }
      : { type: 'fail', error: state.error ?? { name: 'internal', message: 'failed', declared: false } }
  }

  private graphOf(frame: Frame): Graph {
    let graph: Graph = this.bundle.process
    for (const id of frame.graphPath) {
      const node = graph.nodes[id]
      if (node?.kind !== 'for-each') throw new Error(`frame ${frame.id}: ${id} is not a for-each`)
      graph = node.body
    }
    return graph
  }

  private nodeOf(frame: Frame, nodeId: string): Node {
    const node = this.graphOf(frame).nodes[nodeId]
    if (!node) throw new Error(`frame ${frame.id}: no node ${nodeId}`)
    return node
  }

  private context(frame: Frame): ExpressionContext {
    const { state } = this
    const run = { id: state.run.id, startedAt: state.run.startedAt }
    if (!frame.parent) return { input: state.input, nodes: frame.outputs, run }
    const chain: Frame[] = []
    let item: unknown
    let hasItem = false
    for (let f: Frame | undefined = frame; f; f = f.parent ? state.frames[f.parent.frameId] : undefined) {
      chain.unshift(f)
      if (!hasItem && f.parent) {
        item = f.item
        hasItem = true
      }
    }
    const nodes: Record<string, unknown> = {}
    for (const f of chain) Object.assign(nodes, f.outputs)
    return { input: state.input, nodes, item, run }
  }

  private env(frame: Frame, nodeId: string): NodeEnv {
    const context = this.context(frame)
    return {
      path: nodePath(frame.id, nodeId),
      bundle: this.bundle,
      run: this.state.run,
      now: this.now,
      evaluate: (expression) => evaluateSteps(expression.expr, context),
    }
  }

  private *drain(): Steps<void> {
    while (this.ready.length > 0 && this.state.status === 'running') {
      const next = this.ready.shift()
      if (!next) break
      const frame = this.state.frames[next.frameId]
      if (!frame || frame.finished || frame.started[next.nodeId]) continue
      yield* this.start(frame, next.nodeId)
    }
    if (this.state.status === 'running') this.checkStalled()
    if (this.state.status !== 'running') {
      this.plan.length = 0
      this.plan.push(this.endCommand())
    }
  }

  /** A frame with nothing running and nothing ready never reaches a return: a design error, reported as such. */
  private checkStalled(): void {
    for (const frame of Object.values(this.state.frames)) {
      if (frame.finished) continue
      const busy = Object.keys(frame.started).some((id) => {
        const status = this.state.nodes[nodePath(frame.id, id)]?.status
        return status === 'running' || status === 'retrying' || status === 'waiting'
      })
      if (!busy) {
        this.failRun({
          name: 'no-return',
          message: `${frame.id ? `for-each item ${frame.id.slice(0, -1)}` : 'the run'} ended without reaching a return node`,
          declared: false,
        })
        return
      }
    }
  }

  private *start(frame: Frame, nodeId: string): Steps<void> {
    const node = this.nodeOf(frame, nodeId)
    const path = nodePath(frame.id, nodeId)
    frame.started[nodeId] = true
    this.state.nodes[path] = { nodeId, kind: node.kind, status: 'running', attempts: 1, history: [], retries: [] }
    yield* this.attempt(frame, nodeId, node)
  }

  private *attempt(frame: Frame, nodeId: string, node: Node): Steps<void> {
    const outcome = yield* this.guard(this.begin(node, this.env(frame, nodeId)))
    this.settle(frame, nodeId, node, outcome)
  }

  private *guard(run: Steps<NodeOutcome>): Steps<NodeOutcome> {
    try {
      return yield* run
    } catch (error) {
      if (error instanceof ExpressionFailure) return { type: 'error', error: error.nodeError }
      throw error
    }
  }

  private begin(node: Node, env: NodeEnv): Steps<NodeOutcome> {
    switch (node.kind) {
      case 'compute':
        return runCompute(node, env)
      case 'transform':
        return runTransform(node, env)
      case 'condition':
        return runCondition(node, env)
      case 'for-each':
        return runForEach(node, env)
      case 'database':
        return runDatabase(node, env)
      case 'http':
        return runHttp(node, env)
      case 'queue-publish':
        return runQueuePublish(node, env)
      case 'call-process':
        return runCallProcess(node, env)
      case 'wait':
        return runWait(node, env)
      case 'return':
        return runReturn(node, env)
      case 'fail':
        return runFail(node, env)
    }
  }

  private nextId(): string {
    this.state.seq += 1
    return `c${this.state.seq}`
  }

  private settle(frame: Frame, nodeId: string, node: Node, outcome: NodeOutcome): void {
    const path = nodePath(frame.id, nodeId)
    const ns = this.state.nodes[path] as NodeState
    switch (outcome.type) {
      case 'done':
        this.succeed(frame, nodeId, ns, outcome.output, outcome.port)
        return
      case 'error':
        this.failNode(frame, nodeId, node, ns, outcome.error)
        return
      case 'return':
        ns.status = 'succeeded'
        ns.output = outcome.value
        ns.port = 'out'
        this.finishFrame(frame, outcome.value)
        return
      case 'fail':
        ns.status = 'failed'
        ns.error = { name: outcome.error.name, message: outcome.error.message, details: outcome.error.details }
        this.failRun(outcome.error)
        return
      case 'activity': {
        const id = this.nextId()
        ns.input = outcome.input
        this.state.pending[id] = { frameId: frame.id, nodeId, purpose: 'attempt' }
        this.plan.push({
          type: 'call-activity',
          id,
          node: path,
          request: outcome.request,
          timeoutMs: outcome.timeoutMs,
          attempt: ns.attempts,
        })
        return
      }
      case 'child': {
        const id = this.nextId()
        ns.input = outcome.input
        this.state.pending[id] = { frameId: frame.id, nodeId, purpose: 'attempt' }
        const callee = node.kind === 'call-process' ? node.process : ''
        this.plan.push({
          type: 'start-child',
          id,
          node: path,
          process: callee,
          input: outcome.input,
          timeoutMs: outcome.timeoutMs,
          attempt: ns.attempts,
        })
        return
      }
      case 'timer': {
        const id = this.nextId()
        ns.input = outcome.input
        ns.status = 'waiting'
        this.state.pending[id] = { frameId: frame.id, nodeId, purpose: 'wait' }
        this.plan.push({
          type: 'start-timer',
          id,
          node: path,
          durationMs: Math.max(1, outcome.durationMs),
          reason: 'wait',
        })
        return
      }
      case 'for-each': {
        if (node.kind !== 'for-each') throw new Error(`${path}: for-each outcome from ${node.kind}`)
        ns.input = { items: outcome.items.length }
        frame.forEach[nodeId] = { items: outcome.items, results: [], next: 0, active: 0, done: 0 }
        if (outcome.items.length === 0) {
          this.succeed(frame, nodeId, ns, [], 'out')
          return
        }
        while (this.startItem(frame, nodeId, node)) {
          // start up to maxConcurrency items
        }
        return
      }
    }
  }

  /** Starts the next item of a for-each if one is left and a concurrency slot is free. */
  private startItem(frame: Frame, nodeId: string, node: ForEachNode): boolean {
    const progress = frame.forEach[nodeId]
    if (!progress || progress.next >= progress.items.length || progress.active >= node.maxConcurrency) return false
    const index = progress.next
    progress.next += 1
    progress.active += 1
    const id = `${frame.id}${nodeId}[${index}].`
    this.state.frames[id] = newFrame(
      id,
      [...frame.graphPath, nodeId],
      { frameId: frame.id, nodeId, index },
      progress.items[index],
    )
    this.ready.push({ frameId: id, nodeId: node.body.entry })
    return true
  }

  /** A return node reached: the run's output (root frame) or one for-each item's result. */
  private finishFrame(frame: Frame, value: unknown): void {
    frame.finished = true
    if (!frame.parent) {
      const mismatch = checkSchema(this.bundle.process.outputs.success, value)
      if (mismatch) {
        this.failRun({
          name: 'output-mismatch',
          message: `the run's output does not match outputs.success: ${mismatch}`,
          declared: false,
        })
        return
      }
      this.state.status = 'succeeded'
      this.state.output = value
      return
    }
    const { frameId, nodeId, index } = frame.parent
    const parent = this.state.frames[frameId]
    if (!parent) throw new Error(`frame ${frame.id}: parent ${frameId} is gone`)
    const node = this.nodeOf(parent, nodeId)
    if (node.kind !== 'for-each') throw new Error(`frame ${frame.id}: parent node is ${node.kind}`)
    const progress = parent.forEach[nodeId]
    if (!progress) throw new Error(`frame ${frame.id}: no for-each progress`)
    // Finished item frames leave the state (their node states stay, for the trace): state size follows concurrency.
    delete this.state.frames[frame.id]
    for (const [id, pending] of Object.entries(this.state.pending))
      if (pending.frameId === frame.id) delete this.state.pending[id]
    const ns = this.state.nodes[nodePath(parent.id, nodeId)] as NodeState
    const mismatch = checkSchema(node.output, value)
    if (mismatch) {
      this.failNode(parent, nodeId, node, ns, {
        name: 'output-mismatch',
        message: `item ${index}'s result does not match the for-each output: ${mismatch}`,
      })
      return
    }
    progress.results[index] = value
    progress.active -= 1
    progress.done += 1
    if (progress.done === progress.items.length) {
      delete parent.forEach[nodeId]
      this.succeed(parent, nodeId, ns, progress.results, 'out')
      return
    }
    this.startItem(parent, nodeId, node)
  }

  private succeed(frame: Frame, nodeId: string, ns: NodeState, output: unknown, port: string): void {
    ns.status = ns.status === 'caught' ? 'caught' : 'succeeded'
    ns.output = output
    ns.port = port
    frame.outputs[nodeId] = output
    this.propagate(frame, nodeId, port)
  }

  /** Marks the node's outgoing edges taken (its port) or dead (every other port), then wakes their targets. */
  private propagate(frame: Frame, nodeId: string, port: string | null): void {
    const graph = this.graphOf(frame)
    const index = indexOf(graph)
    const targets: string[] = []
    for (const edge of index.outgoing.get(nodeId) ?? []) {
      frame.edges[edgeKey(edge)] = edge.port === port ? 'taken' : 'dead'
      targets.push(edge.to)
    }
    for (const target of targets) this.wake(frame, target, index)
  }

  /**
   * Dead-path elimination: a node runs once every incoming edge is decided and at least one was taken (a join waits
   * for all its live branches; a merge after a condition runs after the branch taken); a node whose incoming edges
   * are all dead is skipped, and so are its own outgoing edges.
   */
  private wake(frame: Frame, nodeId: string, index: GraphIndex): void {
    if (frame.started[nodeId]) return
    const incoming = index.incoming.get(nodeId) ?? []
    let taken = false
    for (const edge of incoming) {
      const status = frame.edges[edgeKey(edge)]
      if (status === undefined) return
      if (status === 'taken') taken = true
    }
    if (taken) {
      this.ready.push({ frameId: frame.id, nodeId })
      return
    }
    const node = this.nodeOf(frame, nodeId)
    frame.started[nodeId] = true
    this.state.nodes[nodePath(frame.id, nodeId)] = {
      nodeId,
      kind: node.kind,
      status: 'skipped',
      attempts: 0,
      history: [],
      retries: [],
    }
    this.propagate(frame, nodeId, null)
  }

  /** A node attempt failed: retry by its first matching retrier, else leave by its first matching catch route. */
  private failNode(frame: Frame, nodeId: string, node: Node, ns: NodeState, error: NodeError): void {
    const retriers: Retrier[] | undefined = 'retry' in node ? node.retry : undefined
    const routes: CatchRoute[] | undefined = 'catch' in node ? node.catch : undefined
    const record = { attempt: ns.attempts, error }
    ns.history.push(record)
    ns.error = error
    const r = findRetrier(retriers, error.name)
    const retrier = r >= 0 ? retriers?.[r] : undefined
    if (retrier) {
      const made = ns.retries[r] ?? 0
      if (made + 1 < retrier.maxAttempts) {
        const delay = retryDelay(retrier, made + 1, this.state.rng)
        this.state.rng = delay.random
        while (ns.retries.length <= r) ns.retries.push(0)
        ns.retries[r] = made + 1
        ns.status = 'retrying'
        Object.assign(record, { retryDelayMs: delay.delayMs })
        const id = this.nextId()
        this.state.pending[id] = { frameId: frame.id, nodeId, purpose: 'retry-delay' }
        this.plan.push({
          type: 'start-timer',
          id,
          node: nodePath(frame.id, nodeId),
          durationMs: Math.max(1, delay.delayMs),
          reason: 'retry',
        })
        return
      }
    }
    const route = findCatch(routes, error.name)
    if (route) {
      ns.status = 'caught'
      this.succeed(frame, nodeId, ns, { error }, route.port)
      return
    }
    ns.status = 'failed'
    this.failRun({ ...error, declared: false, node: nodePath(frame.id, nodeId) })
  }

  private failRun(error: RunError): void {
    if (this.state.status !== 'running') return
    this.state.status = 'failed'
    this.state.error = error
    for (const ns of Object.values(this.state.nodes)) {
      if (ns.status === 'running' || ns.status === 'retrying' || ns.status === 'waiting') ns.status = 'cancelled'
    }
  }

  private *resume(frame: Frame, nodeId: string, purpose: string, event: RunEvent): Steps<void> {
    const node = this.nodeOf(frame, nodeId)
    const ns = this.state.nodes[nodePath(frame.id, nodeId)] as NodeState
    if (purpose === 'retry-delay') {
      ns.attempts += 1
      ns.status = 'running'
      yield* this.attempt(frame, nodeId, node)
      return
    }
    if (purpose === 'wait') {
      this.succeed(frame, nodeId, ns, null, 'out')
      return
    }
    let outcome: NodeOutcome
    switch (event.type) {
      case 'activity-completed':
        outcome = this.complete(node, event.result, this.env(frame, nodeId))
        break
      case 'child-completed':
        outcome = { type: 'done', output: event.output, port: 'out' }
        break
      case 'activity-failed':
        outcome = { type: 'error', error: event.error }
        break
      case 'child-failed': {
        const e = event.error
        outcome = {
          type: 'error',
          error: { name: e.declared ? `error.${e.name}` : e.name, message: e.message, details: e.details },
        }
        break
      }
      default:
        throw new Error(`${nodeId}: unexpected ${event.type}`)
    }
    this.settle(frame, nodeId, node, outcome)
  }

  private complete(node: Node, result: unknown, env: NodeEnv): NodeOutcome {
    switch (node.kind) {
      case 'database':
        return completeDatabase(node, result, env)
      case 'http':
        return completeHttp(node, result as HttpResponse)
      case 'queue-publish':
        return completeQueuePublish(result)
      default:
        return { type: 'done', output: result, port: 'out' }
    }
  }
}
