export { checkSchema } from './check-schema'
export type { DriveAnswer, DriveHandlers, DriveResult } from './drive-run'
export { driveRun } from './drive-run'
export { durationMs } from './duration'
export type { Evaluation, ExpressionContext } from './evaluate'
export { evaluate } from './evaluate'
export { makeBundle, makeProcess } from './make-process'
export { rowSchema } from './nodes/database'
export { matchResponse } from './nodes/http'
export type * from './process-types'
export { errorMatches, findCatch, findRetrier, retryDelay } from './retrier'
export type { PureRunResult, RunPureOptions } from './run-pure'
export { previewExpression, runPure } from './run-pure'
export { nextRandom, seedRandom } from './seeded-random'
export type { Run, StepOutput } from './step'
export { cancelRun, cloneJson, startRun, step } from './step'
export type {
  ActivityRequest,
  AttemptRecord,
  Command,
  DatabaseRequest,
  DefinitionBundle,
  Frame,
  HttpRequest,
  HttpResponse,
  NodeError,
  NodeState,
  NodeStatus,
  QueuePublishRequest,
  ResolvedDbOperation,
  ResolvedValue,
  RunError,
  RunEvent,
  RunInfo,
  RunPin,
  RunState,
  RunStatus,
  StepResult,
} from './types'
