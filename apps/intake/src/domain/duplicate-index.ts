import { birthGapDays, DUPLICATE_THRESHOLD, duplicateScore, MAX_BIRTH_GAP_DAYS, type DuplicateScore, type PreparedSubject } from './duplicate-scoring';

export interface DuplicateMatch {
  readonly caseId: string;
  readonly score: DuplicateScore;
}

/** Words shared by more cases than this are not used to find candidates while a rarer word exists. */
const ANCHOR_TOKENS = 2;

/**
 * The cases duplicate detection compares a new case with, in memory: the
 * names it scores are sealed at rest, so the comparison needs them opened,
 * and an import of 20,000 children compares each with every candidate.
 *
 * Candidates share a name key with one of the case's two rarest words (a
 * child's family name is rarer than "Mohammed"), and have a birth date close
 * enough to reach the threshold at all; only those are scored.
 */
export class DuplicateIndex {
  private readonly subjects = new Map<string, PreparedSubject>();
  private readonly postings = new Map<string, Set<string>>();

  get size(): number {
    return this.subjects.size;
  }

  has(caseId: string): boolean {
    return this.subjects.has(caseId);
  }

  /** Adds or replaces a case (its names may have been corrected). */
  put(caseId: string, subject: PreparedSubject): void {
    this.remove(caseId);
    this.subjects.set(caseId, subject);
    for (const key of subject.keys) {
      let ids = this.postings.get(key);
      if (!ids) this.postings.set(key, (ids = new Set()));
      ids.add(caseId);
    }
  }

  /** A merged or withdrawn case is nobody's duplicate any more. */
  remove(caseId: string): void {
    const subject = this.subjects.get(caseId);
    if (!subject) return;
    this.subjects.delete(caseId);
    for (const key of subject.keys) {
      const ids = this.postings.get(key);
      ids?.delete(caseId);
      if (ids?.size === 0) this.postings.delete(key);
    }
  }

  /** The indexed cases other than `caseId` that score at least the threshold against `subject`, best first. */
  matches(caseId: string, subject: PreparedSubject, threshold = DUPLICATE_THRESHOLD): DuplicateMatch[] {
    const seen = new Set<string>([caseId]);
    const found: DuplicateMatch[] = [];
    for (const keys of this.anchorTokens(subject)) {
      for (const key of keys) {
        for (const candidateId of this.postings.get(key) ?? []) {
          if (seen.has(candidateId)) continue;
          seen.add(candidateId);
          const candidate = this.subjects.get(candidateId)!;
          if (birthGapDays(subject, candidate) > MAX_BIRTH_GAP_DAYS) continue;
          const score = duplicateScore(subject, candidate);
          if (score.score >= threshold) found.push({ caseId: candidateId, score });
        }
      }
    }
    return found.sort((a, b) => b.score.score - a.score.score || a.caseId.localeCompare(b.caseId));
  }

  private anchorTokens(subject: PreparedSubject): ReadonlyArray<readonly string[]> {
    const sized = subject.tokenKeys.map((keys) => ({ keys, cases: keys.reduce((n, k) => n + (this.postings.get(k)?.size ?? 0), 0) }));
    return sized
      .sort((a, b) => a.cases - b.cases)
      .slice(0, ANCHOR_TOKENS)
      .map((t) => t.keys);
  }
}
