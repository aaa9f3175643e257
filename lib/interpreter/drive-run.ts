import { type Run, startRun, step } from './step'
import type { Command, DefinitionBundle, RunEvent, RunInfo, RunState } from './types'

type ActivityCommand = Extract<Command, { type: 'call-activity' }>
type ChildCommand = Extract<Command, { type: 'start-child' }>

/** How a driver answers side effects: a result, or a typed failure. */
export type DriveAnswer =
  | { ok: true; value: unknown }
  | { ok: false; error: { name: string; message: string; details?: unknown; declared?: boolean } }

export type DriveHandlers = {
  activity?(command: ActivityCommand): DriveAnswer | Promise<DriveAnswer>
  child?(command: ChildCommand): DriveAnswer | Promise<DriveAnswer>
}

export type DriveResult = { state: RunState; commands: Command[] }

/**
 * Drives a run to its end in-process: every planned command is answered by `handlers` in plan order, timers fire
 * at once (their durations are kept in `commands`). The reference shell the workflow mirrors, used by tests and
 * benches; not a run (nothing is recorded).
 */
export async function driveRun(
  bundle: DefinitionBundle,
  input: unknown,
  handlers: DriveHandlers = {},
  info: RunInfo = { id: 'run_test', startedAt: '2026-01-01T00:00:00.000Z', seed: 1 },
): Promise<DriveResult> {
  let run: Run = startRun(bundle, input, info)
  const commands: Command[] = []
  const queue: Command[] = []
  let result = await step(run, { type: 'start' })
  for (;;) {
    run = result.run
    commands.push(...result.plan)
    queue.push(...result.plan)
    const command = queue.shift()
    if (!command || command.type === 'complete' || command.type === 'fail') return { state: run.state, commands }
    result = await step(run, await answer(command, handlers))
  }
}

async function answer(command: Command, handlers: DriveHandlers): Promise<RunEvent> {
  switch (command.type) {
    case 'start-timer':
      return { type: 'timer-fired', id: command.id }
    case 'call-activity': {
      if (!handlers.activity) throw new Error(`no activity handler for ${command.node}`)
      const a = await handlers.activity(command)
      return a.ok
        ? { type: 'activity-completed', id: command.id, result: a.value }
        : { type: 'activity-failed', id: command.id, error: a.error }
    }
    case 'start-child': {
      if (!handlers.child) throw new Error(`no child handler for ${command.node}`)
      const a = await handlers.child(command)
      return a.ok
        ? { type: 'child-completed', id: command.id, output: a.value }
        : { type: 'child-failed', id: command.id, error: { ...a.error, declared: a.error.declared ?? false } }
    }
    default:
      throw new Error(`unexpected ${command.type}`)
  }
}
