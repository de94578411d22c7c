import type { Collection, Connection } from 'mongoose';
import { isDuplicateKey, retryWhileBusy } from './busy-retry';

interface Slot {
  _id: string;
  key: string;
  member: string;
}

/** Slots probed at most per key: far more than any list here holds (a case's e-mails: guardians × milestones). */
const MAX_SLOTS = 10_000;

/**
 * The members listed under a key (the e-mails about a case), for stores whose
 * records are looked up by their own id but listed by another field.
 *
 * Listing by a field other than `_id` makes FerretDB's SQLite backend read
 * the whole collection (it pushes down nothing else): the e-mails of one case
 * took 0.7 s each among 10,000 deliveries in the chaos run. Here every member
 * is a small document of its own with the id `<key>#<n>` (n = 1, 2, …), so a
 * list is a walk of `_id` lookups that stops at the first free slot, and an
 * addition is an insert into that slot: of two writers racing for a slot
 * exactly one wins, the other takes the next one. Members are added before
 * the records they name, so a crash leaves at most a member whose record
 * does not exist yet, which readers skip, never a record nobody can list.
 */
export class KeyedList {
  constructor(private readonly collection: Collection) {}

  static of(connection: Connection, name: string): KeyedList {
    return new KeyedList(connection.collection(name));
  }

  /** The members under the key, in the order they were added. */
  async members(key: string): Promise<string[]> {
    const members: string[] = [];
    for (let n = 1; n <= MAX_SLOTS; n++) {
      const slot = await this.slot(key, n);
      if (!slot) return members;
      members.push(slot.member);
    }
    return members;
  }

  /** Adds the member unless it is listed already (idempotent). */
  async add(key: string, member: string): Promise<void> {
    for (let n = 1; n <= MAX_SLOTS; ) {
      const slot = await this.slot(key, n);
      if (slot) {
        if (slot.member === member) return;
        n++;
        continue;
      }
      try {
        await retryWhileBusy(() => this.collection.insertOne({ _id: slotId(key, n), key, member } as never));
        return;
      } catch (error) {
        // Another writer took this slot first: look at what it holds.
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new RangeError(`more than ${MAX_SLOTS} members under ${key}`);
  }

  private async slot(key: string, n: number): Promise<Slot | null> {
    return (await this.collection.findOne({ _id: slotId(key, n) } as never)) as Slot | null;
  }
}

const slotId = (key: string, n: number): string => `${key}#${String(n).padStart(5, '0')}`;
