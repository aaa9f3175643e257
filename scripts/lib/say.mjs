// Output of scripts/setup.mjs: one prefix, so its lines stand out among npm's.

/** @param {string} message */
export function say(message) {
  process.stdout.write(`[setup] ${message}\n`)
}

/**
 * Prints the reason and what to do, then exits non-zero.
 * @param {string} message
 * @returns {never}
 */
export function fail(message) {
  process.stderr.write(`[setup] FAILED: ${message}\n`)
  process.exit(1)
}
