import { faultPlan } from './chaos-monkey';

describe('faultPlan', () => {
  it('kills every service the asked number of times and Kafka and the database once each, in a random order', () => {
    const counts = (plan: ReturnType<typeof faultPlan>) => Object.fromEntries(['intake', 'legal', 'logistics', 'notification', 'kafka', 'mongo'].map((n) => [n, plan.filter((f) => f.name === n).length]));
    expect(counts(faultPlan(3))).toEqual({ intake: 3, legal: 3, logistics: 3, notification: 3, kafka: 1, mongo: 1 });
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const orders = new Set(Array.from({ length: 5 }, () => faultPlan(3, random).map((f) => f.name).join(',')));
    expect(orders.size).toBeGreaterThan(1);
  });
});
