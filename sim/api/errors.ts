// waAPIException: {"error", ...extra, "error_description"?} with a status.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(description ?? error);
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { error: this.error, ...this.extra };
    if (this.description) body.error_description = this.description;
    return body;
  }
}

export const missingParam = (name: string) =>
  new ApiError(400, 'invalid_param', `Required parameter is missing: ${name}`);
