import type { JsonValue } from './json-value'

/**
 * How a JSON value is laid out in the Y.Doc — the granularity decision, in one type (see README.md):
 * - `value`: stored whole, as one plain Yjs value (a concurrent edit of it is last-writer-wins);
 * - `text`: a string as a Y.Text (characters merge), anything else as a value;
 * - `object`: an object as a Y.Map with an explicit key order, each key laid out by `fields[key] ?? other ?? value`;
 * - `set`: an array of identified items as a Y.Map keyed by `key(item)` (concurrent adds/removes merge), keeping order.
 * A value that does not have the shape's type (user input may be invalid) is stored whole: nothing is dropped.
 */
export type Shape =
  | { readonly kind: 'value' }
  | { readonly kind: 'text' }
  | {
      readonly kind: 'object'
      readonly fields?: Readonly<Record<string, Shape>>
      readonly other?: Shape
    }
  | { readonly kind: 'set'; readonly key: (item: JsonValue) => string }

export const valueShape: Shape = { kind: 'value' }
export const textShape: Shape = { kind: 'text' }

/** The shape of `key` inside an object shape. */
export function fieldShape(shape: Shape, key: string): Shape {
  if (shape.kind !== 'object') return valueShape
  return (shape.fields && Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined) ?? shape.other ?? valueShape
}
