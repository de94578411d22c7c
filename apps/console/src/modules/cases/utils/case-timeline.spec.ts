import { caseTimeline } from './case-timeline';

describe("a case's timeline across services", () => {
  it('puts intake stages, legal changes and e-mails sent in the order they happened', () => {
    const timeline = caseTimeline({
      stages: [
        { stage: 'registered', at: '2019-06-01T10:00:00Z' },
        { stage: 'cleared', at: '2019-06-20T10:00:00Z' },
      ],
      legal: [{ status: 'clearance-requested', at: '2019-06-19T09:00:00Z', by: 'legal-officer-1' }],
      deliveries: [
        { milestone: 'registered', status: 'sent', sentAt: '2019-06-01T10:00:05Z', language: 'ru' },
        { milestone: 'cleared', status: 'sending' },
      ],
    });
    expect(timeline.map((e) => [e.service, e.values['stage'] ?? e.values['status'] ?? e.values['milestone']])).toEqual([
      ['intake', 'registered'],
      ['notification', 'sent'],
      ['legal', 'clearance-requested'],
      ['intake', 'cleared'],
    ]);
  });
});
