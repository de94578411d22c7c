import { PersonName } from '../../ui/components/person-name';
import { useApi } from '../../ui/hooks/use-api';
import type { CaseSummary } from '../../cases/types';

/** A passenger by name, read from intake (logistics keeps no names in its answers). */
export function ChildName({ caseId }: { caseId: string }) {
  const found = useApi<CaseSummary>('intake', `/cases/${caseId}`, 'logistics: the children on board');
  const name = found.data?.personal?.names[0];
  return name ? <PersonName name={name} /> : <code>{caseId.slice(0, 8)}</code>;
}
