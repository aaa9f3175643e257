const maxLength = 64

/** A node-id slug from free text: lowercase ASCII letters and digits in words joined by '-', starting with a letter. */
export function slugify(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  let slug = words.join('-')
  if (slug === '') return 'node'
  if (!/^[a-z]/.test(slug)) slug = `n-${slug}`
  return slug.slice(0, maxLength).replace(/-+$/, '')
}

/**
 * Suggests the immutable node id for a node from its first label (DESIGN §3): its slug, or the slug with `-2`,
 * `-3`, … when taken. `taken` must hold every id ever used in the process (deleted ones too), so an id is never
 * reused. The result matches the nodeId pattern and its 64-character limit. Pure.
 */
export function suggestNodeId(label: string, taken: ReadonlySet<string>): string {
  const base = slugify(label)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const suffix = `-${n}`
    const candidate = `${base.slice(0, maxLength - suffix.length).replace(/-+$/, '')}${suffix}`
    if (!taken.has(candidate)) return candidate
  }
}
