import { FormattedDate } from 'react-intl';

/** A moment in the console's language and the browser's time zone. */
export function DateTime({ value, dateOnly }: { value?: string; dateOnly?: boolean }) {
  if (!value) return <span>–</span>;
  return (
    <time dateTime={value}>
      <FormattedDate value={value} dateStyle="medium" {...(dateOnly ? {} : { timeStyle: 'short' })} />
    </time>
  );
}
