import { useIntl } from 'react-intl';

/** An airport by its name in the console's language where the catalogue has it (`airport.<IATA>`), with the code beside it. */
export function AirportName({ code }: { code: string }) {
  const intl = useIntl();
  const id = `airport.${code}`;
  const name = id in intl.messages ? intl.formatMessage({ id }) : undefined;
  return <span title={code}>{name ? intl.formatMessage({ id: 'airport.withCode' }, { name, code }) : code}</span>;
}
