import { DateTime } from '../../ui/components/date-time';
import { useT } from '../../ui/hooks/use-t';
import type { TimelineEntry } from '../utils/case-timeline';

export function CaseTimelineList({ entries }: { entries: readonly TimelineEntry[] }) {
  const t = useT();
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry, i) => (
        <li key={i} data-service={entry.service}>
          <DateTime value={entry.at} />{' '}
          <span>
            {t(entry.message, {
              stage: entry.values['stage'] ? t(`stage.${entry.values['stage']}`) : '',
              status: entry.values['status'] ? t(`${entry.service === 'legal' ? 'legalStatus' : 'deliveryStatus'}.${entry.values['status']}`) : '',
              milestone: entry.values['milestone'] ? t(`milestone.${entry.values['milestone']}`) : '',
              by: entry.values['by'] ?? '',
            })}
          </span>
        </li>
      ))}
    </ol>
  );
}
