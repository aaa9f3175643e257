import { defineConfig } from 'drizzle-kit'

// `npx drizzle-kit generate --name <change>` writes SQL migrations from the schema files into drizzle/.
// lib/db/web-schema.ts holds the web app's own tables (two-factor, OAuth links, invitations);
// lib/runtime/tables.ts the runtime's (environments, secrets, bindings, deployments, executions, dead letters).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./lib/db/schema.ts', './lib/db/web-schema.ts', './lib/runtime/tables.ts'],
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost:5432/backplane' },
})
