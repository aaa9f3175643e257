'use client'
import dynamic from 'next/dynamic'

const BareFlow = dynamic(() => import('./BareFlow').then((m) => m.BareFlow), { ssr: false })

export function BareFlowLoader(props: { count: number; decor?: boolean }) {
  return <BareFlow {...props} />
}
