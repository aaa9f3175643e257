import { RE2JS } from 're2js'

/**
 * JSONata's regex literals are JavaScript syntax; RE2 spells a few things differently (named groups `(?<n>`,
 * `\/`). re2js translates them; anything RE2 cannot express (backreferences, lookaround) throws at compile.
 */
export function translateRegex(source: string): string {
  return RE2JS.translateRegExp(source)
}

function re2Flags(flags: string): number {
  let out = 0
  if (flags.includes('i')) out |= RE2JS.CASE_INSENSITIVE
  if (flags.includes('m')) out |= RE2JS.MULTILINE
  if (flags.includes('s')) out |= RE2JS.DOTALL
  return out
}

/** The subset of RegExp that jsonata's RegexEngine hook uses: `new Engine(re)`, `lastIndex`, `exec`. */
export type RegexEngineInstance = { lastIndex: number; exec(text: string): RegExpExecArray | null }
export type RegexEngine = new (pattern: RegExp | string, flags?: string) => RegexEngineInstance

/**
 * A RegExp look-alike backed by re2js, whose matching is linear in the input (no catastrophic backtracking), for
 * jsonata's `RegexEngine` option. Behaves like a global (`g`) RegExp: exec searches from `lastIndex` and moves it
 * past the match, as jsonata's $match/$replace/$split/$contains expect. Compiling throws on patterns RE2 cannot
 * run; checkExpression reports those statically, so a checked expression never reaches that throw.
 */
export class Re2RegExp implements RegexEngineInstance {
  lastIndex = 0
  readonly source: string
  readonly flags: string
  private readonly re: RE2JS

  constructor(pattern: RegExp | string, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags)
    this.re = RE2JS.compile(translateRegex(this.source), re2Flags(this.flags))
  }

  exec(text: string): RegExpExecArray | null {
    if (this.lastIndex > text.length) {
      this.lastIndex = 0
      return null
    }
    const m = this.re.matcher(text)
    if (!m.find(this.lastIndex)) {
      this.lastIndex = 0
      return null
    }
    const parts: string[] = []
    for (let i = 0; i <= m.groupCount(); i++) {
      const g = m.group(i)
      // Unmatched optional groups are undefined in a RegExpExecArray; the array type says string.
      parts.push(g === null ? (undefined as unknown as string) : g)
    }
    const result = Object.assign(parts, { index: m.start(), input: text, groups: undefined }) as RegExpExecArray
    this.lastIndex = m.end()
    return result
  }

  test(text: string): boolean {
    return this.exec(text) !== null
  }
}
