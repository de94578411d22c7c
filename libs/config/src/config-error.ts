/** A configuration the process refuses to start with; `variables` names every bad one. */
export class ConfigError extends Error {
  constructor(readonly variables: readonly string[], message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
