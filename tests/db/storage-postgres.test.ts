import { createTestDatabase } from '../harness/env'
import { storageContractSuite } from './storage-contract'

storageContractSuite('PostgreSQL', async () => {
  const database = await createTestDatabase('storage_contract')
  return { url: database.url, dispose: () => database.drop() }
})
