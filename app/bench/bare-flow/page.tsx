import { notFound } from 'next/navigation'
import { BareFlowLoader } from './BareFlowLoader'

export const dynamic = 'force-dynamic'

/**
 * The floor `bench/canvas.ts` compares the editor against: plain React Flow with the same number of default nodes.
 * Exists only when the server runs with BACKPLANE_BENCH=1; otherwise a 404 like any unknown path.
 */
export default async function BareFlowPage({
  searchParams,
}: {
  searchParams: Promise<{ n?: string; decor?: string }>
}) {
  if (process.env.BACKPLANE_BENCH !== '1') notFound()
  const { n, decor } = await searchParams
  const count = Math.max(1, Math.min(5_000, Number(n) || 500))
  const all = ['background', 'minimap', 'controls']
  const parts = decor === '1' ? all : (decor ?? '').split(',').filter((d) => all.includes(d))
  return <BareFlowLoader count={count} decor={parts.length ? parts : undefined} />
}
