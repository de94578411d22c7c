/** One line of a case's timeline, from whichever service knows it. */
export interface TimelineEntry {
  readonly at: string;
  readonly service: 'intake' | 'legal' | 'logistics' | 'notification';
  /** Message id of what happened, and its values. */
  readonly message: string;
  readonly values: Record<string, string>;
}

interface Sources {
  readonly stages?: readonly { stage: string; at: string }[];
  readonly legal?: readonly { status: string; at: string; by: string }[];
  readonly deliveries?: readonly { milestone: string; status: string; sentAt?: string; failedAt?: string; language?: string }[];
}

/** The stages of intake, the legal file's changes and the guardians' e-mails, oldest first. */
export function caseTimeline({ stages = [], legal = [], deliveries = [] }: Sources): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...stages.map((s) => ({ at: s.at, service: 'intake' as const, message: 'timeline.stage', values: { stage: s.stage } })),
    ...legal.map((l) => ({ at: l.at, service: 'legal' as const, message: 'timeline.legal', values: { status: l.status, by: l.by } })),
    ...deliveries
      .filter((d) => d.sentAt ?? d.failedAt)
      .map((d) => ({ at: (d.sentAt ?? d.failedAt)!, service: 'notification' as const, message: 'timeline.email', values: { milestone: d.milestone, status: d.status, language: d.language ?? '' } })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
