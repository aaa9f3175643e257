import { describe, expect, it } from 'vitest'
import { fieldsOf, fieldText, hasForm, initialValue, parseField } from './schema-form'

const createOrder = {
  type: 'object',
  required: ['customerId', 'currency', 'items'],
  properties: {
    customerId: { type: 'string', description: 'Who orders' },
    currency: { type: 'string', enum: ['EUR', 'USD'] },
    express: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    priority: { type: 'integer', default: 3 },
    address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
    items: { type: 'array', items: { type: 'object' } },
  },
}

describe('schema form', () => {
  it('gives one field per property, typed, with required marks, enums and nested objects', () => {
    expect(fieldsOf(createOrder)).toEqual([
      { name: 'customerId', kind: 'string', required: true, description: 'Who orders' },
      { name: 'currency', kind: 'enum', required: true, options: ['EUR', 'USD'] },
      { name: 'express', kind: 'boolean', required: false },
      { name: 'note', kind: 'string', required: false },
      { name: 'priority', kind: 'integer', required: false },
      { name: 'address', kind: 'object', required: false, fields: [{ name: 'city', kind: 'string', required: true }] },
      { name: 'items', kind: 'json', required: true },
    ])
    expect(hasForm(createOrder)).toBe(true)
    expect(hasForm({ type: 'array' })).toBe(false)
  })

  it('starts from defaults and required fields only', () => {
    expect(initialValue(createOrder)).toEqual({ customerId: '', currency: 'EUR', priority: 3, items: [] })
  })

  it('reads typed text back, naming the field when it is wrong', () => {
    const [, currency, express, , priority, , items] = fieldsOf(createOrder)
    if (!currency || !express || !priority || !items) throw new Error('fields missing')
    expect(parseField(priority, '7')).toEqual({ value: 7 })
    expect(parseField(priority, '7.5')).toEqual({ error: 'priority: “7.5” is not a whole number' })
    expect(parseField(priority, '')).toEqual({ value: undefined })
    expect(parseField(currency, 'USD')).toEqual({ value: 'USD' })
    expect(parseField(currency, 'JPY')).toEqual({ error: 'currency: “JPY” is not one of the options' })
    expect(parseField(express, 'true')).toEqual({ value: true })
    expect(parseField(items, '[{"sku":"a"}]')).toEqual({ value: [{ sku: 'a' }] })
    expect(parseField(items, '[oops')).toMatchObject({ error: expect.stringMatching(/^items: not JSON/) })
    expect(fieldText(items, [1])).toBe('[\n  1\n]')
    expect(fieldText(priority, undefined)).toBe('')
  })
})
