// A domain rule said no. The API layer maps `code` to the app's own error
// reply; backend pages map it to their HTML/JSON replies.
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
