'use client'
import dynamic from 'next/dynamic'

const BareFlow = dynamic(() => import('./BareFlow').then((m) => m.BareFlow), { ssr: false })

export function BareFlowLoader(props: { count: number; decor?: string[] }) {
  return <BareFlow count={props.count} decor={props.decor ? new Set(props.decor) : undefined} />
}
