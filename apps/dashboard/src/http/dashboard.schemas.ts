import { z } from 'zod';
import { Language } from '@homeward/contracts';
import { stages } from '../domain/case-stage';

const Count = z.number().int().describe('A count.');
const StageName = z.enum(stages).describe('Stage of the case lifecycle.');

export const Summary = z
  .object({
    generatedAt: z.string().describe('When the numbers were read, RFC 3339 UTC.'),
    totals: z.object({ cases: Count, handedOver: Count, onHold: Count, inProgress: Count }).describe('Headline numbers.'),
    byStage: z.array(z.object({ stage: StageName, count: Count })).describe('Children in each stage.'),
    byDestination: z
      .array(z.object({ destinationState: z.string(), total: Count, stages: z.record(z.string(), Count) }))
      .describe('Children per destination state, and per stage within it.'),
    timeInStage: z
      .array(z.object({ stage: StageName, exits: Count, averageMs: z.number().nullable().describe('Average time spent, of the cases that left it.') }))
      .describe('Time spent in each stage by the cases that have left it.'),
    returns: z.array(z.object({ day: z.string().describe('UTC day.'), count: Count })).describe('Children handed over per day.'),
    holds: z.object({ total: Count, byCategory: z.record(z.string(), Count) }).describe('Open holds.'),
    emails: z
      .object({
        sent: Count,
        failed: Count,
        byMilestone: z.array(z.object({ milestone: z.string(), sent: Count, failed: Count })),
      })
      .describe("Guardians' e-mails accepted by the SMTP server, and those that failed for good."),
    throughput: z
      .object({
        perMinute: z.number().describe('Events per minute over the last five whole minutes.'),
        lastHour: z.array(z.object({ minute: z.string(), events: Count })),
      })
      .describe('Events of every topic, by the minute they happened.'),
  })
  .describe('The programme panels.');

const EscortStatus = z.object({
  escorts: Count,
  required: Count.describe('Escorts the children on board need under the programme ratio.'),
  medicalNeeded: z.boolean(),
  medicalOnBoard: z.boolean(),
  ok: z.boolean(),
});
const MovementRow = z.object({
  movementId: z.string(),
  programmeId: z.string().nullable(),
  flightNumber: z.string().nullable(),
  operator: z.string().nullable(),
  route: z.string().nullable(),
  departure: z.string().nullable(),
  status: z.string(),
  seats: Count.nullable(),
  seatsTaken: Count,
  passengers: z.record(z.string(), Count),
  escort: EscortStatus,
});
export const Movements = z
  .object({ ahead: z.array(MovementRow).describe('Scheduled or departed, soonest first.'), recent: z.array(MovementRow).describe('Arrived or cancelled.') })
  .describe('Movements with their seats and escorts.');

export const Holds = z
  .object({
    total: Count,
    byCategory: z.record(z.string(), Count),
    holds: z
      .array(
        z.object({
          holdId: z.string(),
          caseId: z.string(),
          category: z.string(),
          reason: z.string().optional().describe('Why; absent once the child was erased.'),
          erased: z.literal(true).optional().describe("Present once the child's data was erased: the reason is gone for good."),
          placedBy: z.string(),
          placedAt: z.string(),
        }),
      )
      .optional()
      .describe('Each open hold with its reason: only for legal officers, supervisors and admins.'),
  })
  .describe('Open holds.');

export const Health = z
  .object({
    checkedAt: z.string(),
    consumerGroups: z.array(
      z.object({
        groupId: z.string(),
        state: z.string(),
        members: Count,
        lag: Count.nullable().describe('Messages not yet committed; null before the group committed anything.'),
        topics: z.array(z.object({ topic: z.string(), lag: Count })),
      }),
    ),
    deadLetters: z.array(z.object({ service: z.string(), topic: z.string(), count: Count })),
    problem: z.string().optional(),
  })
  .describe('Consumer lag per group and dead letters per service, read from Kafka.');

export const Dashboard = z.object({ summary: Summary, movements: Movements, holds: Holds, health: Health });

export const NoQuery = z.object({}).strict();
export const MovementsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20).describe('Rows in each list, 1–100.') })
  .strict();
export const PageQuery = z
  .object({ lang: z.enum(Language).default('en').describe('Language of the page; ar is right to left.') })
  .strict();
