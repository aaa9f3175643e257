// Next.js 16 (App Router) configuration of the web process.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // `npm test` type-checks the whole repository (npm run typecheck); the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Loaded with Node's own require instead of being bundled: the Temporal SDK's native bridge and gRPC/protobuf
  // code (bundling breaks them), PGlite's WASM and data files, and postgres.js. Next has no wildcards here, so every
  // @temporalio package we have is listed. Workers never run inside Next (they are their own process); the web side
  // only uses @temporalio/client, starting workflows by type name.
  serverExternalPackages: [
    '@temporalio/activity',
    '@temporalio/client',
    '@temporalio/common',
    '@temporalio/core-bridge',
    '@temporalio/nexus',
    '@temporalio/proto',
    '@temporalio/testing',
    '@temporalio/worker',
    '@temporalio/workflow',
    '@grpc/grpc-js',
    'protobufjs',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    'postgres',
    // Spec parsers: Node packages with file readers and dynamic requires that bundling breaks.
    '@asyncapi/parser',
    '@asyncapi/converter',
    '@scalar/openapi-parser',
    '@scalar/openapi-upgrader',
    // Server-side collab clients (restore, import) speak Hocuspocus over `ws`, whose optional native add-ons must
    // be loaded by Node, not bundled.
    'ws',
    '@hocuspocus/provider',
    // One Yjs in the server: the provider above requires it from node_modules, so the bundled lib/doc must use that
    // same copy — with two, `instanceof Y.Map` fails on the provider's documents (restore exported them as plain
    // objects and overflowed the stack).
    'yjs',
  ],
  // A fresh clone may sit inside another folder with a lockfile of its own (CI clones next to shared/): pin the
  // project root so Turbopack and output tracing do not guess a parent.
  turbopack: { root },
  outputFileTracingRoot: root,
}

export default nextConfig
