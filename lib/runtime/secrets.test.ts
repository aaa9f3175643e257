import { describe, expect, it } from 'vitest'
import { bindingUrlProblem, secretNameProblem, secretValueProblem } from './secrets'

describe('environment input checks', () => {
  it('secret names are identifiers a process file can reference', () => {
    expect(secretNameProblem('WAREHOUSE_TOKEN')).toBeUndefined()
    expect(secretNameProblem('a1')).toBeUndefined()
    for (const bad of ['', '1TOKEN', 'not-a-name', 'sp ace', 'x'.repeat(129)]) {
      expect(secretNameProblem(bad)).toMatch(/must start with a letter/)
    }
  })

  it('secret values are neither empty nor above 64 KiB', () => {
    expect(secretValueProblem('tok')).toBeUndefined()
    expect(secretValueProblem('')).toBe('a secret value must not be empty')
    expect(secretValueProblem('é'.repeat(40_000))).toBe('a secret value must be at most 64 KiB')
  })

  it('binding URLs are postgres URLs naming a database', () => {
    expect(bindingUrlProblem('postgres://u:p@db.internal:5432/orders')).toBeUndefined()
    expect(bindingUrlProblem('postgresql://db/orders?sslmode=require')).toBeUndefined()
    expect(bindingUrlProblem('mysql://db/orders')).toBe(
      'the binding url must be postgres:// or postgresql://, not mysql://',
    )
    expect(bindingUrlProblem('postgres://db')).toBe('the binding url must name a database')
    expect(bindingUrlProblem('not a url')).toBe('the binding url is not a URL')
  })
})
