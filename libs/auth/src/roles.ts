/** The roles of DESIGN.md "Privacy and security"; a token's other roles are ignored. */
export const Role = {
  CaseWorker: 'case-worker',
  LegalOfficer: 'legal-officer',
  Supervisor: 'supervisor',
  LogisticsOfficer: 'logistics-officer',
  ScreeningOfficer: 'screening-officer',
  AgencyObserver: 'agency-observer',
  Auditor: 'auditor',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
