export type { ApiType, ProcessType } from './new-entity-files'
export {
  defaultModel,
  newApiSpec,
  newDatabaseFile,
  newNode,
  newProcessFile,
  newQueueFile,
  slug,
  suggestId,
} from './new-entity-files'
