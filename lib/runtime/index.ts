export type { ListDeadLettersFilter, ReplayResult } from './dead-letters'
export { listDeadLetters, replayDeadLetters } from './dead-letters'
export type { ActiveDeployment, Definitions } from './definitions'
export { activeDeployment, bundleFor, findProcess, loadCommitDefinitions } from './definitions'
export type { DeployRequest, DeployResult } from './deploy'
export { deploy, scheduleId } from './deploy'
export { enqueueDelivery } from './enqueue-delivery'
export type { Execution, ListExecutionsFilter, RunOutcome, StartRunRequest, StartRunResult } from './executions'
export { cancelExecution, getExecution, listExecutions, runAndWait, startRun } from './executions'
export type { BlockMigration, MigrationStep } from './plan-migration'
export { planMigration } from './plan-migration'
export { blockDatabaseName, blockProvisionerFromEnv, provisionBlockDatabase } from './provision-database'
export type { RuntimeContext, RuntimeFailure } from './runtime-context'
export type { DeadLetterRecord, TraceRecord } from './runtime-stores'
export { createRuntimeResolvers, recordDeadLetter, recordTrace } from './runtime-stores'
export { openSecret, parseSecretKey, sealSecret } from './secret-box'
export type { EnvScope } from './secrets'
export {
  deleteSecret,
  ensureEnvironments,
  environmentPolicy,
  listDatabaseBindings,
  listSecretNames,
  readDatabaseUrl,
  readSecret,
  setDatabaseBinding,
  setPrivateNetworkAllowed,
  setSecret,
} from './secrets'
export type { DeadLetterStatus as DeadLetterStatusType, EnvironmentName as EnvironmentNameType } from './tables'
export {
  DeadLetterStatus,
  DeploymentStatus,
  databaseBindings,
  deadLetters,
  deployments,
  EnvironmentName,
  ExecutionStatus,
  environments,
  executions,
  executionTraces,
  runtimeTables,
  secrets,
} from './tables'
export { validateDefinitions } from './validate-definitions'
export * from './workflow-contract'
