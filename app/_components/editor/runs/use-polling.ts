'use client'
import { useEffect } from 'react'

/**
 * Calls `load` now and then every `intervalMs` while the panel is mounted: never two loads at once (a slow answer
 * does not pile requests up), and not while the tab is hidden (it reloads as soon as the tab is shown again).
 * `load` should be stable (useCallback); a new `load` restarts the cycle at once.
 */
export function usePolling(load: () => Promise<void>, intervalMs: number): void {
  useEffect(() => {
    let busy = false
    const tick = async () => {
      if (busy || document.visibilityState === 'hidden') return
      busy = true
      try {
        await load()
      } finally {
        busy = false
      }
    }
    void tick()
    const timer = setInterval(() => void tick(), intervalMs)
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [load, intervalMs])
}
