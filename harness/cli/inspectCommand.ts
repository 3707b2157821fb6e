import { UsageError } from './UsageError.ts';

/** `miprig inspect ARCHIVE` (wired to the archive inspector). */
export async function inspectCommand(archive: string, _opts: { heap?: string; json?: boolean }): Promise<number> {
  throw new UsageError(`inspect is not available in this build (asked for ${archive})`);
}
