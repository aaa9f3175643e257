export type { LiveDocumentTarget } from './with-live-document'
export {
  LiveDocumentError,
  LiveDocumentFailure,
  liveEditorFor,
  serviceEditOrigin,
  withLiveDocument,
} from './with-live-document'
