import { formatImportLine, formatImportSummary, importPaths } from '../ingest/importers/import-files';
import { UsageError } from '../shared/errors';
import type { VerbContext } from './verb';
import { storeForCli } from './store-for-cli';

export async function importVerb(ctx: VerbContext): Promise<number> {
  if (ctx.args.length === 0) throw new UsageError('name at least one file or folder');
  const app = storeForCli(ctx);
  try {
    const report = await importPaths(ctx.args, {
      db: app.db,
      logger: app.logger,
      clock: app.clock,
      onFile: (r) => ctx.out(formatImportLine(r)),
    });
    ctx.out(formatImportSummary(report));
    return report.exitCode;
  } finally {
    app.close();
  }
}
