import {
  ApplicationFailure,
  CancellationScope,
  defineQuery,
  executeChild,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow'
import {
  type Command,
  cancelRun,
  type NodeState,
  type Run,
  type RunError,
  type RunEvent,
  startRun,
  step,
} from '../../../lib/interpreter'
import type { RuntimeActivities } from '../activities/runtime-activities'
import { nodeErrorOf, runErrorOf } from './failures'
import { INTERPRET_PROCESS, type InterpretProcessArgs, NODE_STATES_QUERY, type RunTrace } from './workflow-types'

/** Events the shell reports back (all but start). */
type ShellEvent = Exclude<RunEvent, { type: 'start' }>

export const nodeStatesQuery = defineQuery<Record<string, NodeState>>(NODE_STATES_QUERY)

// A local activity: the trace write needs no task-queue round trip (it is Backplane's own store, not a node).
const { writeTrace } = proxyLocalActivities<RuntimeActivities>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 10, initialInterval: '1s' },
})

/**
 * The interpreter workflow: one type for every run. It only loops over the plans of `lib/interpreter`'s step
 * function — activities with one attempt and the node's timeout, retries as durable timers, call-process as a
 * child of this same type — and writes the trace with one activity when the run ends (also on failure and cancel).
 */
export async function interpretProcess(args: InterpretProcessArgs): Promise<unknown> {
  const info = workflowInfo()
  const startedAt = info.startTime.toISOString()
  let run: Run = startRun(args.bundle, args.input, { id: info.workflowId, startedAt, seed: args.seed ?? info.runId })
  setHandler(nodeStatesQuery, () => run.state.nodes)
  const inflight = new Map<string, Promise<ShellEvent>>()
  const finish = async (status: RunTrace['status'], output?: unknown, error?: RunError) => {
    const trace: RunTrace = {
      runId: info.workflowId,
      temporalRunId: info.runId,
      pin: args.bundle.pin,
      processId: args.bundle.process.id,
      processName: args.bundle.process.name,
      status,
      input: args.input,
      nodes: run.state.nodes,
      startedAt,
      endedAt: new Date().toISOString(),
      origin: args.origin ?? { kind: 'request' },
    }
    if (output !== undefined) trace.output = output
    if (error) trace.error = error
    // The trace is written even when the run is being cancelled.
    await CancellationScope.nonCancellable(() => writeTrace(trace))
  }
  try {
    // Awaited only when the step returned a promise: most steps evaluate synchronously, and inside a workflow every
    // promise (an `await` of a plain value too) pays the SDK's promise hook (lib/interpreter/steps.ts).
    let stepped = step(run, { type: 'start' }, Date.now())
    let result = stepped instanceof Promise ? await stepped : stepped
    for (;;) {
      run = result.run
      for (const command of result.plan) {
        if (command.type === 'complete') {
          await finish('succeeded', command.output)
          return command.output
        }
        if (command.type === 'fail') {
          await finish('failed', undefined, command.error)
          throw ApplicationFailure.create({
            type: command.error.name,
            message: command.error.message,
            details: [command.error],
            nonRetryable: true,
          })
        }
        inflight.set(command.id, execute(command, args, info.workflowId))
      }
      const event = await Promise.race(inflight.values())
      inflight.delete(event.id)
      stepped = step(run, event, Date.now())
      result = stepped instanceof Promise ? await stepped : stepped
    }
  } catch (error) {
    if (isCancellation(error)) {
      run = cancelRun(run)
      await finish('cancelled', undefined, { name: 'cancelled', message: 'the run was cancelled', declared: false })
    }
    throw error
  }
}

async function execute(command: Command, args: InterpretProcessArgs, runId: string): Promise<ShellEvent> {
  switch (command.type) {
    case 'start-timer':
      await sleep(command.durationMs)
      return { type: 'timer-fired', id: command.id }
    case 'call-activity': {
      const activities = proxyActivities<RuntimeActivities>({
        startToCloseTimeout: command.timeoutMs,
        // Declared retriers are durable timers in this workflow; Temporal never retries a node attempt itself.
        retry: { maximumAttempts: 1 },
        activityId: `${command.id}-${command.node}`,
      })
      try {
        const result = await activities.runNodeActivity({
          pin: args.bundle.pin,
          runId,
          node: command.node,
          request: command.request,
          // Only a publish needs the definitions: its deliveries run the consumers on this same commit.
          bundle: command.request.kind === 'queue-publish' ? args.bundle : undefined,
        })
        return { type: 'activity-completed', id: command.id, result }
      } catch (error) {
        return { type: 'activity-failed', id: command.id, error: nodeErrorOf(error) }
      }
    }
    case 'start-child': {
      const callee = args.bundle.processes[command.process]
      if (!callee) {
        return {
          type: 'child-failed',
          id: command.id,
          error: { name: 'unsupported', message: `no process ${command.process}`, declared: false },
        }
      }
      try {
        const output = await executeChild(INTERPRET_PROCESS, {
          workflowId: `${runId}/${command.node}/${command.attempt}`,
          args: [
            {
              bundle: { ...args.bundle, process: callee },
              input: command.input,
              origin: { kind: 'child', parentRunId: runId, node: command.node },
            },
          ],
          workflowExecutionTimeout: command.timeoutMs,
          parentClosePolicy: ParentClosePolicy.TERMINATE,
        })
        return { type: 'child-completed', id: command.id, output }
      } catch (error) {
        return { type: 'child-failed', id: command.id, error: runErrorOf(error) }
      }
    }
    default:
      throw new Error(`not a shell command: ${command.type}`)
  }
}
