import type { CaseAssignedV1Data, PersonName } from '@homeward/contracts';

export interface AssignedEmailInput {
  readonly guardianName: PersonName;
  readonly childNames: readonly PersonName[];
  readonly language: string;
  readonly flight: CaseAssignedV1Data['flight'];
}

export interface RenderedEmail {
  readonly language: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The child's name in the script the guardian reads: Cyrillic for Russian, else Latin, else the first recorded. */
function childName(names: readonly PersonName[], language: string): string {
  const preferred = language === 'ru' ? 'cyrillic' : 'latin';
  const name = names.find((n) => n.script === preferred) ?? names[0]!;
  return name.given;
}

const templates = {
  en: {
    subject: (child: string) => `${child} has a seat on the flight home`,
    body: (guardian: string, child: string, flight: string, date: string) =>
      [`Dear ${guardian},`, `${child} has been given a seat on flight ${flight}, departing ${date} (UTC).`, 'We will write again when the flight has landed.'],
  },
  ru: {
    subject: (child: string) => `Для ребёнка ${child} забронировано место на рейсе домой`,
    body: (guardian: string, child: string, flight: string, date: string) =>
      [`Уважаемый(ая) ${guardian}!`, `Ребёнку ${child} выделено место на рейсе ${flight}, вылет ${date} (UTC).`, 'Мы напишем вам снова, когда самолёт приземлится.'],
  },
} as const;

/**
 * The walking skeleton's one milestone e-mail, in Russian or English (the
 * fallback); the notification issue brings every milestone and language.
 */
export function renderAssignedEmail(input: AssignedEmailInput): RenderedEmail {
  const language = input.language in templates ? (input.language as keyof typeof templates) : 'en';
  const template = templates[language];
  const child = childName(input.childNames, language);
  const flight = `${input.flight.flightNumber} ${input.flight.departureAirport} → ${input.flight.arrivalAirport}`;
  const date = input.flight.scheduledDeparture.slice(0, 16).replace('T', ' ');
  const lines = template.body(input.guardianName.given, child, flight, date);
  return {
    language,
    subject: template.subject(child),
    text: `${lines.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${language}"><body>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`,
  };
}
