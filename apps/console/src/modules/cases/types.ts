export interface Name {
  readonly given: string;
  readonly family: string;
  readonly script: 'cyrillic' | 'latin' | 'arabic';
}

export interface CaseSummary {
  readonly caseId: string;
  readonly programmeId: string;
  readonly originState: string;
  readonly destinationState: string;
  readonly sex: string;
  readonly stage: string;
  readonly stageHistory: readonly { stage: string; at: string }[];
  readonly siblingCaseIds: readonly string[];
  readonly requiresMedicalEscort: boolean;
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly erased?: true;
  readonly withdrawal?: { reason?: string; at: string; by: string };
  readonly personal?: {
    readonly names: readonly Name[];
    readonly birthDate: { value: string; precision: 'day' | 'month' | 'year' };
    readonly placeOfBirth?: string;
    readonly facility: { type: string; name: string; city: string };
    readonly mother?: { name?: Name; status: string; location?: string };
    readonly father?: { name?: Name; status: string; location?: string };
    readonly medicalNeeds?: string;
    readonly guardians: readonly { guardianId: string; relationship: string; name: Name; email: string; preferredLanguage: string }[];
  };
}

export const CASE_STAGES = ['registered', 'in-legal-review', 'cleared', 'assigned', 'boarded', 'arrived', 'handed-over', 'in-follow-up', 'closed', 'on-hold', 'withdrawn', 'rejected'] as const;
