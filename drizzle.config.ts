import { defineConfig } from 'drizzle-kit'

// `npx drizzle-kit generate --name <change>` writes SQL migrations from lib/db/schema.ts into drizzle/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost:5432/backplane' },
})
