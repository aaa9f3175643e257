import { type Evaluation, type ExpressionContext, evaluate } from './evaluate'
import type { ProcessFile } from './process-types'
import { type Run, startRun, step } from './step'
import type { DefinitionBundle, NodeState, RunError } from './types'

export type PureRunResult =
  | { status: 'succeeded'; output: unknown; nodes: Record<string, NodeState> }
  | { status: 'failed'; error: RunError; nodes: Record<string, NodeState> }
  /** The graph reached a side-effecting or durable node (database, http, queue-publish, call-process): a real run. */
  | { status: 'needs-run'; node: string; kind: string; nodes: Record<string, NodeState> }

export type RunPureOptions = {
  /** The rest of the definitions (databases, queues, processes) when previewing inside a project. */
  bundle?: Partial<Omit<DefinitionBundle, 'process'>>
  runId?: string
  startedAt?: string
  seed?: number
}

/**
 * Runs a process (or a pure sub-graph shaped as one) in-process with the same step function as the worker: the
 * editor's instant preview. No run, no record, no clock: waits fire at once, and the first side-effecting node
 * stops the preview with `needs-run`. Never throws on user input.
 */
export async function runPure(
  process: ProcessFile,
  input: unknown,
  options: RunPureOptions = {},
): Promise<PureRunResult> {
  const bundle: DefinitionBundle = {
    process,
    processes: options.bundle?.processes ?? {},
    databases: options.bundle?.databases ?? {},
    queues: options.bundle?.queues ?? {},
    pin: options.bundle?.pin ?? { projectId: 'preview', commitId: 'preview', environment: 'development' },
  }
  let run: Run = startRun(bundle, input, {
    id: options.runId ?? 'preview',
    startedAt: options.startedAt ?? '1970-01-01T00:00:00.000Z',
    seed: options.seed ?? 0,
  })
  let result = await step(run, { type: 'start' })
  const timers: string[] = []
  for (;;) {
    run = result.run
    for (const command of result.plan) {
      switch (command.type) {
        case 'complete':
          return { status: 'succeeded', output: command.output, nodes: run.state.nodes }
        case 'fail':
          return { status: 'failed', error: command.error, nodes: run.state.nodes }
        case 'call-activity':
          return { status: 'needs-run', node: command.node, kind: command.request.kind, nodes: run.state.nodes }
        case 'start-child':
          return { status: 'needs-run', node: command.node, kind: 'call-process', nodes: run.state.nodes }
        case 'start-timer':
          timers.push(command.id)
          break
      }
    }
    // Timers fire at once, in the order they were planned.
    const timer = timers.shift()
    if (timer === undefined) {
      return {
        status: 'failed',
        error: { name: 'internal', message: 'the plan is empty', declared: false },
        nodes: run.state.nodes,
      }
    }
    result = await step(run, { type: 'timer-fired', id: timer })
  }
}

/** One expression against a context, for the editor's expression preview. Never throws. */
export function previewExpression(text: string, context: Partial<ExpressionContext>): Promise<Evaluation> {
  return evaluate(text, {
    input: context.input ?? {},
    nodes: context.nodes ?? {},
    item: context.item,
    run: context.run ?? { id: 'preview', startedAt: '1970-01-01T00:00:00.000Z' },
  })
}
