import { Schema, type Connection, type Model } from 'mongoose';

interface ProcessedEvent {
  _id: string;
  group: string;
  eventId: string;
  type: string;
  processedAt: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * Which events a consumer group has finished. A fast skip for redeliveries;
 * the effect itself stays idempotent through the aggregate's inbox, because
 * this record and the effect are two writes and a crash can fall between them.
 */
export class ProcessedEventStore {
  private readonly model: Model<ProcessedEvent>;

  constructor(connection: Connection) {
    this.model =
      (connection.models['ProcessedEvent'] as Model<ProcessedEvent> | undefined) ??
      connection.model<ProcessedEvent>(
        'ProcessedEvent',
        new Schema<ProcessedEvent>(
          {
            _id: { type: String, required: true },
            group: { type: String, required: true },
            eventId: { type: String, required: true },
            type: { type: String, required: true },
            processedAt: { type: Date, required: true },
          },
          { collection: 'processed_events', versionKey: false },
        ),
      );
  }

  async has(group: string, eventId: string): Promise<boolean> {
    return (await this.model.countDocuments({ _id: `${group}:${eventId}` }, { limit: 1 })) > 0;
  }

  async record(group: string, eventId: string, type: string): Promise<void> {
    try {
      await this.model.collection.insertOne({ _id: `${group}:${eventId}`, group, eventId, type, processedAt: new Date() } as never);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }
}
