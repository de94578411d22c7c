interface WithSiblings {
  readonly caseId: string;
  readonly siblingCaseIds: readonly string[];
}

/** Cases in groups of siblings (each group once, in the order first met), so they are shown and seated together. */
export function siblingGroups<T extends WithSiblings>(cases: readonly T[]): T[][] {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  const placed = new Set<string>();
  const groups: T[][] = [];
  for (const c of cases) {
    if (placed.has(c.caseId)) continue;
    const group = [c, ...c.siblingCaseIds.map((id) => byId.get(id)).filter((s): s is T => s !== undefined && !placed.has(s.caseId))];
    for (const member of group) placed.add(member.caseId);
    groups.push(group);
  }
  return groups;
}
