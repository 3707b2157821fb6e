/** A command-line mistake (a bad flag value, no binary given): printed as one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
