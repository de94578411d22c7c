import { useIntl } from 'react-intl';

type Values = Record<string, string | number | Date | null | undefined>;

/** A message of the catalogue by id (ICU), never a concatenated string. */
export function useT(): (id: string, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
