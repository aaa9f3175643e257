/**
 * The parts of JSONata's AST (jsonata 2.x, after its own post-processing) that the profile reads. jsonata types
 * its AST loosely (`value: any`); these narrow, structural types keep the checker free of `any`.
 * `position` is the offset just after the token, as jsonata records it.
 */
export type AstNode = {
  type: string
  value?: unknown
  position?: number
  steps?: AstNode[]
  stages?: AstNode[]
  predicate?: AstNode[]
  group?: { lhs: AstNode[][]; position?: number }
  arguments?: AstNode[]
  procedure?: AstNode
  body?: AstNode
  thunk?: boolean
  expressions?: AstNode[]
  expression?: AstNode
  lhs?: AstNode | AstNode[][]
  rhs?: AstNode
  condition?: AstNode
  then?: AstNode
  else?: AstNode
  pattern?: AstNode
  update?: AstNode
  delete?: AstNode
  terms?: { expression: AstNode; descending: boolean }[]
  expr?: AstNode
  focus?: string
  index?: string
}

export function isAstNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** The pairs of an object constructor (`{k: v}`) or a group-by, as stored in `lhs`. */
export function astPairs(lhs: AstNode['lhs']): AstNode[][] {
  return Array.isArray(lhs) ? lhs : []
}

/** The single-node `lhs` of a binary, bind or apply node. */
export function astLhs(node: AstNode): AstNode | undefined {
  return Array.isArray(node.lhs) ? undefined : node.lhs
}

/** Start offset of a token that ends at `position` (jsonata stores ends) in `text`. */
export function tokenStart(text: string, node: AstNode): { offset: number; length: number } {
  const end = node.position ?? 0
  let length = 0
  if (node.type === 'name' && typeof node.value === 'string') {
    length = node.value.length + (text[end - 1] === '`' ? 2 : 0)
  } else if (node.type === 'variable' && typeof node.value === 'string') {
    length = node.value.length + 1
  } else if (node.type === 'regex') {
    const slash = text.lastIndexOf('/', end - 1)
    const open = slash > 0 ? text.lastIndexOf('/', slash - 1) : -1
    length = open >= 0 ? end - open : 1
  } else {
    length = 1
  }
  const offset = Math.max(0, end - length)
  return { offset, length: end - offset }
}
