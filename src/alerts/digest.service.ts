import type { Config } from '../config/schema';
import type { Db } from '../db/client';
import { createAlertsRepo } from '../db/repos/alerts.repo';
import { createPipelineRunsRepo } from '../db/repos/pipeline-runs.repo';
import { renderDigest, type DigestChart, type DigestModel } from '../notify/digest.render';
import type { Clock } from '../shared/clock';
import type { SymbolMetrics } from '../signals/metric-types';
import type { Outbox } from './outbox';

// The daily digest: gathered from the saved run, its scores and the last day's alerts, rendered by
// notify/digest.render.ts, and written to the outbox once per recipient (so retries and restarts
// apply to email as to everything else). `/digest now` and the evening job call `send`.

export function createDigestService(deps: { db: Db; config: Config; clock: Clock; outbox: Outbox; recipients: () => string[] }) {
  const runs = createPipelineRunsRepo(deps.db);
  const alerts = createAlertsRepo(deps.db);

  function model(charts: DigestChart[] = []): DigestModel {
    const now = deps.clock.now();
    const run = runs.latest('live');
    const scores = run ? runs.scoresOn(run.asOf) : [];
    const top = scores.slice(0, deps.config.reporting.daily_report.top_scores).map((s) => {
      const m = s.metrics as Partial<SymbolMetrics>;
      return {
        rank: s.rank, symbol: s.symbol, score: s.score, level: s.level, fuel: s.fuel, trigger: s.trigger,
        close: m.volume?.close ?? null, volumeSpike: m.volume?.volumeSpikeRatio ?? null, siPercentFloat: m.shortInterest?.percentOfFloat ?? null,
      };
    });
    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const depth = deps.outbox.depth();
    return {
      asOf: run?.asOf ?? null,
      generatedAt: now.toISOString(),
      top,
      alerts: alerts.createdSince(since).map((a) => ({ id: a.id, kind: a.kind, severity: a.severity, title: a.title, createdAt: a.createdAt, acked: !!a.ackedAt })),
      health: run
        ? {
            runId: run.id, status: run.status, healthScore: run.healthScore, finishedAt: run.finishedAt,
            stages: runs.stages(run.id).map((s) => ({ name: s.name, status: s.status, symbolsIn: s.symbolsIn, symbolsOut: s.symbolsOut })),
          }
        : null,
      delivery: { queued: depth.queued + depth.sending + depth.held, deadLetters: depth.failed + depth.dead },
      charts,
    };
  }

  return {
    model,
    render: (charts?: DigestChart[]) => renderDigest(model(charts)),
    /** Queues the digest to every recipient; returns the outbox ids (empty: email is off or has nobody). */
    send(charts?: DigestChart[]): number[] {
      const to = deps.recipients();
      if (!to.length) return [];
      const mail = renderDigest(model(charts));
      return to.map((target) =>
        deps.outbox.enqueue({ channel: 'email', target, subject: mail.subject, html: mail.html, text: mail.text, attachments: mail.attachments }),
      );
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
