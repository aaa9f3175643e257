import canvasSchema from '../../schemas/canvas.schema.json' with { type: 'json' }
import commonSchema from '../../schemas/common.schema.json' with { type: 'json' }
import databaseSchema from '../../schemas/database.schema.json' with { type: 'json' }
import manifestSchema from '../../schemas/manifest.schema.json' with { type: 'json' }
import processSchema from '../../schemas/process.schema.json' with { type: 'json' }
import queueSchema from '../../schemas/queue.schema.json' with { type: 'json' }

/** Our file formats. `manifest` is backplane.json. */
export const formatKinds = ['manifest', 'process', 'database', 'queue', 'canvas'] as const
export type FormatKind = (typeof formatKinds)[number]

/** A schema file as plain JSON (the schemas are the contract; we only read them). */
export type SchemaDocument = { [keyword: string]: unknown }

/** Schema file name → schema, as `$ref`s name them (`common.schema.json#/$defs/…`). */
export const schemaFiles: Readonly<Record<string, SchemaDocument>> = {
  'common.schema.json': commonSchema,
  'manifest.schema.json': manifestSchema,
  'process.schema.json': processSchema,
  'database.schema.json': databaseSchema,
  'queue.schema.json': queueSchema,
  'canvas.schema.json': canvasSchema,
}

export const schemaFileOf: Readonly<Record<FormatKind, string>> = {
  manifest: 'manifest.schema.json',
  process: 'process.schema.json',
  database: 'database.schema.json',
  queue: 'queue.schema.json',
  canvas: 'canvas.schema.json',
}

/** `"format"` value of the current version of each format, e.g. `backplane.process/v1`. */
export const formatTag: Readonly<Record<FormatKind, string>> = {
  manifest: 'backplane.project/v1',
  process: 'backplane.process/v1',
  database: 'backplane.database/v1',
  queue: 'backplane.queue/v1',
  canvas: 'backplane.canvas/v1',
}

/** The `format` prefix before `/v<N>`, per kind. */
export const formatName: Readonly<Record<FormatKind, string>> = {
  manifest: 'backplane.project',
  process: 'backplane.process',
  database: 'backplane.database',
  queue: 'backplane.queue',
  canvas: 'backplane.canvas',
}

export const currentVersion: Readonly<Record<FormatKind, number>> = {
  manifest: 1,
  process: 1,
  database: 1,
  queue: 1,
  canvas: 1,
}
