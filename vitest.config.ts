import { defineConfig } from 'vitest/config'

// Unit tests live beside their module in lib/; cross-process suites live in tests/.
export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // expect.poll waits on real servers and a real browser: vitest's 1 s default is a flake on a loaded 2-core
    // machine (a canvas re-render after an undo took longer in CI); calls that need more still pass their own.
    expect: { poll: { timeout: 10_000 } },
  },
})
