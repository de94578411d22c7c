// talisman ships no type declarations; this is the one function name-keys uses.
declare module 'talisman/phonetics/double-metaphone' {
  /** The primary and the alternative double metaphone code of a word. */
  export default function doubleMetaphone(word: string): [string, string];
}
