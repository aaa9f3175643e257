import { startEmbeddedPostgres } from '../../server/db'
import { storageContractSuite } from './storage-contract'

storageContractSuite('PGlite behind pglite-socket', async () => {
  const embedded = await startEmbeddedPostgres({})
  return { url: embedded.url, dispose: () => embedded.stop() }
})
