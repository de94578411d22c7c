export interface ConsoleUser {
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly agency: string;
}

export interface ConsoleSession {
  readonly user: ConsoleUser;
  readonly csrfToken: string;
  readonly expiresAt: string;
}
