import type { CommandServices } from '../chat/command-types';
import { createReportService, type ReportService } from './report.service';

// The report service as commands reach it: src/main.ts attaches the one it built (with the chart
// source) to the command services; a chat core built without it (tests, tools) gets one without charts.

export function reportsOf(services: CommandServices): ReportService {
  const attached = (services as CommandServices & { reports?: ReportService }).reports;
  return (
    attached ??
    createReportService({ db: services.db, config: services.config, clock: services.clock, logger: services.logger })
  );
}
