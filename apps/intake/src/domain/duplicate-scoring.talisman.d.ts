// talisman ships no type declarations; this is the one metric duplicate scoring uses.
declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity of two strings, in [0, 1]. */
  export default function jaroWinkler(a: string, b: string): number;
}
