'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from './api-client'

/**
 * A list read from one of our GET routes, loaded at mount and again by `reload()` (after an edit). Only the newest
 * request's answer is kept: the mount's load can answer after the reload that follows an add, and would otherwise
 * put the list from before the add back. `note` holds the route's error message, if any.
 */
export function useLatestList<T>(
  url: string,
  field: string,
): { rows: T[]; reload(): Promise<void>; note: string | null; setNote(note: string | null): void } {
  const [rows, setRows] = useState<T[]>([])
  const [note, setNote] = useState<string | null>(null)
  const latest = useRef(0)
  const reload = useCallback(async () => {
    const request = ++latest.current
    const r = await api<Record<string, T[]>>(url)
    if (request !== latest.current) return
    if (r.ok) setRows(r.body[field] ?? [])
    else setNote(r.message)
  }, [url, field])
  useEffect(() => void reload(), [reload])
  return { rows, reload, note, setNote }
}
