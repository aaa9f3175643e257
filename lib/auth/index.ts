export { authSecretFileName, authSecretFromEnv, loadOrCreateSecret, resolveAuthSecret } from './auth-secret'
export type { ScryptParams } from './password-hash'
export { defaultScryptParams, hashPassword, verifyPassword } from './password-hash'
export type { ServiceClaims } from './service-token'
export { isServiceToken, issueServiceToken, serviceTokenPrefix, verifyServiceToken } from './service-token'
export type { SessionCheck, SessionClaims, SessionUser } from './session-token'
export {
  decodeSessionClaims,
  defaultSessionMaxAgeSeconds,
  issueSessionToken,
  readSessionCookie,
  SessionRefusal,
  sessionClaims,
  sessionCookieNames,
  verifySessionToken,
} from './session-token'
export { hashShareToken, isShareToken, newShareToken, shareTokenPrefix } from './share-token'
export { hashRandomToken } from './token-hash'
