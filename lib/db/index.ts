export type { CreateDbOptions, Db, DbConnection, Schema } from './create-db'
export { createDb } from './create-db'
export { defaultMigrationsFolder, migrate } from './migrate'
export { IdPrefix, newId } from './new-id'
export {
  blobs,
  bytea,
  commitFiles,
  commits,
  DocKind,
  OrgRole,
  organizationMembers,
  organizations,
  ProjectRole,
  projectMembers,
  projects,
  shareLinks,
  users,
  yjsSnapshots,
  yjsUpdates,
} from './schema'
