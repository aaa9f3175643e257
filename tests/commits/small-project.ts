/** A small valid project (one REST API, one database, one process) for the commits suites. */
export const smallProjectId = 'prj_CommitSuite0000000001'

export const ordersSpec = `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    get:
      operationId: getOrder
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: string
            maxLength: 64
      responses:
        "200":
          description: The order
          content:
            application/json:
              schema:
                type: object
                required:
                  - id
                  - status
                properties:
                  id:
                    type: string
                  status:
                    type: string
                    enum:
                      - pending
                      - shipped
`

export function manifest(id = smallProjectId, name = 'small'): string {
  return `${JSON.stringify(
    {
      format: 'backplane.project/v1',
      id,
      name,
      description: 'A small project for the commits suites.',
      apis: { orders: { id: 'api_CommitSuiteApi00000001', type: 'rest', file: 'apis/orders.openapi.yaml' } },
    },
    null,
    2,
  )}\n`
}

export const ordersDb = `${JSON.stringify(
  {
    format: 'backplane.database/v1',
    id: 'db_CommitSuiteDb000000001',
    name: 'orders-db',
    description: 'Orders.',
    type: 'sql',
    capabilities: ['crud'],
    semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
    connection: { scope: 'environment', poolSize: 10 },
    tables: {
      orders: {
        columns: { id: { type: 'text', nullable: false }, status: { type: 'text', nullable: false } },
        primaryKey: ['id'],
      },
    },
  },
  null,
  2,
)}\n`

export function smallProject(id = smallProjectId): Record<string, string> {
  return {
    'backplane.json': manifest(id),
    'apis/orders.openapi.yaml': ordersSpec,
    'infra/databases/orders-db.database.json': ordersDb,
  }
}
