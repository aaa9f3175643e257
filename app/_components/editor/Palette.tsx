'use client'
import { useState } from 'react'
import type { PaletteItem } from './palette-items'

/** Searchable palette grouped by category; clicking an item asks the editor to create it. */
export function Palette(props: { items: PaletteItem[]; disabled: boolean; onPick(id: string): void }) {
  const [query, setQuery] = useState('')
  const q = query.trim().toLowerCase()
  const visible = props.items.filter((i) => !q || `${i.label} ${i.category} ${i.hint}`.toLowerCase().includes(q))
  const categories = [...new Set(visible.map((i) => i.category))]
  return (
    <aside className="palette" aria-label="Palette">
      <input
        placeholder="Search elements"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search elements"
      />
      {categories.map((category) => (
        <section key={category}>
          <h3>{category}</h3>
          {visible
            .filter((i) => i.category === category)
            .map((item) => (
              <button
                type="button"
                key={item.id}
                title={item.hint}
                disabled={props.disabled}
                data-testid={`palette-${item.id}`}
                onClick={() => props.onPick(item.id)}
              >
                {item.label}
              </button>
            ))}
        </section>
      ))}
      {visible.length === 0 && <p className="muted">Nothing matches “{query}”.</p>}
    </aside>
  )
}
