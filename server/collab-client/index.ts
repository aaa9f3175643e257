export type { LiveDocumentTarget } from './with-live-document'
export { LiveDocumentError, LiveDocumentFailure, serviceEditOrigin, withLiveDocument } from './with-live-document'
