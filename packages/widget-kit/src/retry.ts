/**
 * The one retry policy for queries, in widgets and the console: a 4xx (signed out, forbidden,
 * not found, bad input) will not change on retry, so it is shown at once; network failures and
 * 5xx are tried twice more.
 */
export function retryUnlessClientError(failures: number, error: unknown): boolean {
  const status = Number((error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus);
  return failures < 2 && !(status >= 400 && status < 500);
}
