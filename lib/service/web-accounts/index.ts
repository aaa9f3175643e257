export type { ApiToken, ApiTokenCheck, ApiTokenRefusal } from './api-tokens'
export {
  apiTokenPrefix,
  createApiToken,
  isApiToken,
  listApiTokens,
  maxApiTokenLifetimeDays,
  revokeApiToken,
  verifyApiToken,
} from './api-tokens'
export type { Invitation, InvitationPreview } from './invitations'
export {
  acceptInvitation,
  createInvitation,
  invitationLifetimeMs,
  invitationTokenPrefix,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from './invitations'
export { listOAuthAccounts, OAuthProvider, signInWithOAuth } from './oauth-accounts'
export type { OrganizationMemberView } from './organization-admin'
export {
  canManageMembers,
  changeOrganizationMemberRole,
  isOrgRole,
  leaveOrganization,
  listOrganizationMembers,
  removeOrganizationMemberAs,
} from './organization-admin'
export type { ExampleName } from './project-admin'
export {
  apiNameFromFileName,
  deleteProject,
  duplicateProject,
  exampleNames,
  isExampleName,
  readExampleEntries,
  specProjectEntries,
} from './project-admin'
export { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStep } from './totp'
export type { TwoFactorStatus } from './two-factor'
export {
  confirmTwoFactor,
  disableTwoFactor,
  getTwoFactorStatus,
  isTwoFactorRequired,
  recoveryCodeCount,
  startTwoFactorEnrollment,
  verifySecondFactor,
} from './two-factor'
export type { WebAccountError, WebAccountResult } from './web-account-result'
export { WebAccountErrorCode } from './web-account-result'
