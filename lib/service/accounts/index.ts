export type { AccountError, AccountResult } from './account-result'
export { AccountErrorCode } from './account-result'
export type { Organization, OrganizationMember } from './organizations'
export {
  createOrganization,
  getOrganization,
  getOrganizationRole,
  listOrganizationsForUser,
  removeOrganizationMember,
  setOrganizationMember,
} from './organizations'
export type { AccessCheck, Grant, ProjectAccess } from './project-access'
export { AccessRefusal, DocAccess, docAccess, recheckGrant, resolveProjectAccess } from './project-access'
export type { ProjectMember } from './project-members'
export {
  getProjectRole,
  isProjectRole,
  listProjectMembers,
  removeProjectMember,
  setProjectMember,
  strongerRole,
} from './project-members'
export type { Project } from './projects'
export { createProject, getProject, listProjectsForUser, renameProject, setProjectArchived } from './projects'
export type { ShareLink } from './share-links'
export { createShareLink, listShareLinks, resolveShareLink, revokeShareLink, ShareLinkRefusal } from './share-links'
export type { PublicUser, User } from './users'
export {
  authenticateUser,
  bumpSessionVersion,
  changePassword,
  createUser,
  getUserByEmail,
  getUserById,
  minPasswordLength,
  normalizeEmail,
  signOutEverywhere,
} from './users'
