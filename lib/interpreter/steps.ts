/**
 * Code that runs synchronously until it needs a promise's value: a generator that yields the promise and is
 * resumed with its value. Why: the interpreter's step runs inside a Temporal workflow, where every promise pays
 * the SDK's promise hook (a stack capture). Most expressions evaluate directly, so most steps need no promise
 * at all; an `async` chain would create several per node regardless (docs/decisions/runtime.md).
 */
export type Steps<T> = Generator<Promise<unknown>, T, unknown>

/** Waits for `promise` inside a Steps generator (`yield* awaiting(p)`). */
export function* awaiting<T>(promise: Promise<T>): Steps<T> {
  return (yield promise) as T
}

/** Runs `steps` to its end: the value itself when nothing was awaited, else a promise of it. Throws as it throws. */
export function runSteps<T>(steps: Steps<T>): T | Promise<T> {
  return advance(steps, steps.next())
}

function advance<T>(steps: Steps<T>, result: IteratorResult<Promise<unknown>, T>): T | Promise<T> {
  if (result.done) return result.value
  return result.value.then(
    (value) => advance(steps, steps.next(value)),
    (error: unknown) => advance(steps, steps.throw(error)),
  )
}
