/** A name in its own script: the browser shapes it and sets its direction (Arabic names right to left inside any page). */
export function PersonName({ name }: { name: { given: string; family: string; script?: string } }) {
  const lang = name.script === 'cyrillic' ? 'ru' : name.script === 'arabic' ? 'ar' : undefined;
  return (
    <bdi lang={lang} className="person-name">
      {name.given} {name.family}
    </bdi>
  );
}
