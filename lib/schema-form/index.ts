export type { FormField, JsonSchema } from './schema-form'
export { fieldOf, fieldsOf, fieldText, hasForm, initialValue, parseField } from './schema-form'
