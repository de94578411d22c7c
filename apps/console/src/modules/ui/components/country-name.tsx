import { useIntl } from 'react-intl';

/** A country by its name in the console's language (Intl.DisplayNames), never its code alone. */
export function CountryName({ code }: { code: string }) {
  const { locale } = useIntl();
  let name = code;
  try {
    name = new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    // An unknown code stays as it is.
  }
  return <span title={code}>{name}</span>;
}
