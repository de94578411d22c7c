import { Role } from '../roles';

/**
 * What a route may do, one name per kind of access. Routes declare the one
 * they need (`permission` in their OpenAPI operation); the grants below say
 * which roles hold it. Read and write are separate so that a role can see
 * without changing.
 */
export const Permission = {
  ProgrammeRead: 'programme:read',
  ProgrammeWrite: 'programme:write',
  CaseRead: 'case:read',
  CaseWrite: 'case:write',
  CaseErase: 'case:erase',
  ImportWrite: 'import:write',
  ImportRead: 'import:read',
  DuplicateReview: 'duplicate:review',
  LegalFileRead: 'legal-file:read',
  LegalFileWrite: 'legal-file:write',
  ClearanceApprove: 'clearance:approve',
  MovementRead: 'movement:read',
  MovementWrite: 'movement:write',
  ManifestRead: 'manifest:read',
  DeliveryRead: 'delivery:read',
  PreviewRead: 'preview:read',
  SubscriptionManage: 'subscription:manage',
  FeedRead: 'feed:read',
  DashboardRead: 'dashboard:read',
  AggregateRead: 'aggregate:read',
  AuditRead: 'audit:read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const { CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, ScreeningOfficer, AgencyObserver, Auditor, Admin } = Role;

/**
 * The grants: role × permission. Agency observers see aggregates only; the
 * auditor reads the audit trail and nothing else; the admin runs the
 * system (every operational permission) but does not audit itself.
 * Finer rules stay in the domain (legal: the screening requirement is the
 * screening officer's, a clearance needs two different people).
 */
export const GRANTS: Readonly<Record<Permission, readonly Role[]>> = {
  'programme:read': [CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, ScreeningOfficer, Admin],
  'programme:write': [Supervisor, Admin],
  'case:read': [CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, ScreeningOfficer, Admin],
  'case:write': [CaseWorker, Supervisor, Admin],
  // Crypto-shredding: an admin asks, a second, different admin approves (the domain checks the four eyes).
  'case:erase': [Admin],
  'import:write': [CaseWorker, Supervisor, Admin],
  'import:read': [CaseWorker, Supervisor, Admin],
  'duplicate:review': [CaseWorker, Supervisor, Admin],
  'legal-file:read': [LegalOfficer, Supervisor, ScreeningOfficer, Admin],
  'legal-file:write': [LegalOfficer, Supervisor, ScreeningOfficer, Admin],
  'clearance:approve': [Supervisor, Admin],
  'movement:read': [LogisticsOfficer, Supervisor, Admin],
  'movement:write': [LogisticsOfficer, Supervisor, Admin],
  'manifest:read': [LogisticsOfficer, Supervisor, Admin],
  'delivery:read': [CaseWorker, Supervisor, Admin],
  'preview:read': [CaseWorker, Supervisor, Admin],
  'subscription:manage': [Admin],
  // An agency reads its feed; redaction to the subscription's level is the feed's.
  'feed:read': [AgencyObserver, Admin],
  // The programme dashboard: counts and flights; holds' reasons only for the roles the dashboard names.
  'dashboard:read': [CaseWorker, LegalOfficer, Supervisor, LogisticsOfficer, AgencyObserver, Admin],
  'aggregate:read': [AgencyObserver, Supervisor, Admin],
  'audit:read': [Auditor],
};

export const PERMISSIONS: readonly Permission[] = Object.values(Permission);

export function rolesHolding(permission: Permission): readonly Role[] {
  return GRANTS[permission];
}

export function holds(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[permission].includes(role));
}
