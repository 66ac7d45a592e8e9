import * as sqlite from '../schema';
import { pgTwins } from './from-sqlite';

// The PostgreSQL tables, derived from the SQLite description (from-sqlite.ts). drizzle-kit reads the
// named exports of this file (drizzle.pg.config.ts); a test checks every SQLite table has its twin here.

const twins = pgTwins(sqlite);
const twin = (key: keyof typeof sqlite) => {
  const t = twins[key];
  if (!t) throw new Error(`no PostgreSQL twin for ${key}`);
  return t;
};

export const accessRequests = twin('accessRequests');
export const adhocCandidates = twin('adhocCandidates');
export const alertActions = twin('alertActions');
export const alertMutes = twin('alertMutes');
export const alerts = twin('alerts');
export const borrowSnapshots = twin('borrowSnapshots');
export const botFlags = twin('botFlags');
export const chatUsers = twin('chatUsers');
export const dailyBars = twin('dailyBars');
export const datasetStatus = twin('datasetStatus');
export const failsToDeliver = twin('failsToDeliver');
export const jobRuns = twin('jobRuns');
export const marketWrites = twin('marketWrites');
export const missedOpportunities = twin('missedOpportunities');
export const optionsSnapshots = twin('optionsSnapshots');
export const otcWeekly = twin('otcWeekly');
export const outbox = twin('outbox');
export const pipelineEliminations = twin('pipelineEliminations');
export const pipelineRuns = twin('pipelineRuns');
export const pipelineStages = twin('pipelineStages');
export const positionTrades = twin('positionTrades');
export const providerHealth = twin('providerHealth');
export const quietHours = twin('quietHours');
export const settings = twin('settings');
export const shortInterest = twin('shortInterest');
export const shortInterestQuality = twin('shortInterestQuality');
export const shortVolume = twin('shortVolume');
export const symbolScores = twin('symbolScores');
export const symbols = twin('symbols');
export const telegramInbox = twin('telegramInbox');
export const thresholdList = twin('thresholdList');
export const trackedRecommendations = twin('trackedRecommendations');
export const tradesDaily = twin('tradesDaily');
export const userPrefs = twin('userPrefs');
