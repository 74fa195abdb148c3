/** A mistake in the command line: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
