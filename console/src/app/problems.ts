/** A failed call as the console shows it: Baton's problem+json, or a network failure. */
export interface Failure {
  status: number;
  code: string;
  detail: string;
  errors: string[];
}

/** What a generated client's call failed with: the problem's fields, or status 0 when nothing answered. */
export async function failureOf(error: unknown): Promise<Failure> {
  const response = (error as { response?: Response })?.response;
  if (!response) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 0, code: "network", detail: message, errors: [] };
  }
  const body = await response.clone().json().catch(() => ({}));
  return {
    status: response.status,
    code: typeof body.code === "string" ? body.code : "",
    detail: typeof body.detail === "string" ? body.detail : response.statusText,
    errors: Array.isArray(body.errors) ? body.errors.map(String) : [],
  };
}
