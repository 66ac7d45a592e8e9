import type { Db } from '../client';
import { createAccessRequestsRepo } from './access-requests.repo';
import { createAdhocRepo } from './adhoc.repo';
import { createAlertPrefsRepo } from './alert-prefs.repo';
import { createAlertsRepo } from './alerts.repo';
import { createBorrowRepo } from './borrow.repo';
import { createChartDataRepo } from './chart-data.repo';
import { createChatReadsRepo } from './chat-reads.repo';
import { createChatUsersRepo } from './chat-users.repo';
import { createDatasetStatusRepo } from './dataset-status.repo';
import { createFailsRepo } from './fails.repo';
import { createJobRunsRepo } from './job-runs.repo';
import { createLearningRepo } from './learning.repo';
import { createMarketDataRepo } from './market-data.repo';
import { createMarketWritesRepo } from './market-writes.repo';
import { createOptionsRepo } from './options.repo';
import { createOutboxRepo } from './outbox.repo';
import { createPipelineDataRepo } from './pipeline-data.repo';
import { createPipelineRunsRepo } from './pipeline-runs.repo';
import { createPositionsRepo } from './positions.repo';
import { createProviderHealthRepo } from './provider-health.repo';
import { createReportReadsRepo } from './report-reads.repo';
import { createRetentionRepo } from './retention.repo';
import { createSettingsRepo } from './settings.repo';
import { createShortDataRepo } from './short-data.repo';
import { createShortInterestRepo } from './short-interest.repo';
import { createTelegramInboxRepo } from './telegram-inbox.repo';
import { createThresholdRepo } from './threshold.repo';
import { createTrackedSymbolsRepo } from './tracked-symbols.repo';
import { createUserPrefsRepo } from './user-prefs.repo';

// Every repo over one connection, so a composition root can build them once and pass them down.

export function createRepos(db: Db) {
  return {
    accessRequests: createAccessRequestsRepo(db),
    adhoc: createAdhocRepo(db),
    alertPrefs: createAlertPrefsRepo(db),
    alerts: createAlertsRepo(db),
    borrow: createBorrowRepo(db),
    chartData: createChartDataRepo(db),
    chatReads: createChatReadsRepo(db),
    chatUsers: createChatUsersRepo(db),
    datasetStatus: createDatasetStatusRepo(db),
    fails: createFailsRepo(db),
    jobRuns: createJobRunsRepo(db),
    learning: createLearningRepo(db),
    marketData: createMarketDataRepo(db),
    marketWrites: createMarketWritesRepo(db.$client),
    options: createOptionsRepo(db),
    outbox: createOutboxRepo(db),
    pipelineData: createPipelineDataRepo(db),
    pipelineRuns: createPipelineRunsRepo(db),
    positions: createPositionsRepo(db),
    providerHealth: createProviderHealthRepo(db),
    reportReads: createReportReadsRepo(db),
    retention: createRetentionRepo(db),
    settings: createSettingsRepo(db),
    shortData: createShortDataRepo(db),
    shortInterest: createShortInterestRepo(db),
    telegramInbox: createTelegramInboxRepo(db),
    threshold: createThresholdRepo(db),
    trackedSymbols: createTrackedSymbolsRepo(db),
    userPrefs: createUserPrefsRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
