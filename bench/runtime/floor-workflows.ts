import { proxyActivities } from '@temporalio/workflow'

type FloorActivities = { noop(n: number): Promise<number> }
const { noop } = proxyActivities<FloorActivities>({ startToCloseTimeout: '10s', retry: { maximumAttempts: 1 } })

/** The floor: a hand-written workflow calling 5 no-op activities in sequence. */
export async function floorWorkflow(x: number): Promise<number> {
  let v = x
  for (let i = 0; i < 5; i++) v = await noop(v)
  return v
}
