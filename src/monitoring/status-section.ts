import { fmtDuration } from '../present/format';
import { bold, escapeHtml } from '../present/html';
import { joinOrBreak, wrapHtml } from '../present/phone-width';
import { marketDateAt, minutesOfDayAt } from '../market/market-time';
import type { Scheduler } from '../scheduler/scheduler';
import type { Clock } from '../shared/clock';
import type { AsOf } from '../market/as-of';
import type { StoreHealth } from '../db/store-health';

// The /status lines this part adds to commands/status.ts (which already shows version, uptime,
// freshness, the last pipeline run, providers and, via the alert engine, the outbox): the last run of
// each job and the process's memory and CPU. Reads one indexed row per job; no scans.

export interface ProcessStats {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** CPU time (user + system) over wall time since the process started, % of one core */
  cpuPct: number;
  cpuSeconds: number;
}

export function processStats(): ProcessStats {
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const up = Math.max(process.uptime(), 1e-3);
  const mb = (b: number) => Math.round(b / 1_048_576);
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    cpuPct: (cpuSeconds / up) * 100,
    cpuSeconds,
  };
}

/** 'Tue 18:15' in New York, or the date when not this week. */
function when(iso: string | Date | null | undefined, now: Date): string {
  if (!iso) return '—';
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  const m = minutesOfDayAt(at);
  const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const days = Math.abs(at.getTime() - now.getTime()) / 86_400_000;
  if (days >= 6) return `${marketDateAt(at).slice(5)} ${hhmm}`;
  return `${at.toLocaleDateString('en-US', { weekday: 'short', timeZone: 'America/New_York' })} ${hhmm}`;
}

export function createMonitoringStatus(deps: {
  scheduler: Scheduler;
  clock: Clock;
  isRunning: () => boolean;
}): (asOf?: AsOf) => string {
  return (asOf) => {
    const now = deps.clock.now();
    const jobs = deps.scheduler.status(asOf);
    // one short line per job (name, last outcome, when); the next runs are in /jobs
    const rows = jobs.map((j) => {
      const last = j.running ? 'running' : (j.last?.status ?? 'never');
      const at = j.running ? when(j.running.since, now) : when(j.last?.finishedAt ?? j.last?.startedAt, now);
      const head = `${j.enabled ? '•' : '○'} ${escapeHtml(j.name)} ${escapeHtml(last)}`;
      return at === '—' ? head : joinOrBreak(head, escapeHtml(at), ' ');
    });
    const failing = jobs.filter((j) => j.last && ['failed', 'timeout', 'interrupted'].includes(j.last.status));
    const p = processStats();
    const lines = [
      bold('Jobs') + (deps.isRunning() ? ' (New York; /jobs)' : ' (last runs; /jobs)'),
      ...(deps.isRunning() ? [] : [wrapHtml('Runs under squeezebot start.')]),
      ...rows,
      ...failing.map((j) =>
        wrapHtml(`❗ ${j.name}: ${j.last!.status} — ${j.last!.error ?? 'no error recorded'}`, '   '),
      ),
      bold('Process'),
      wrapHtml(
        `memory ${p.rssMb} MB resident, heap ${p.heapUsedMb}/${p.heapTotalMb} MB; CPU ${p.cpuPct.toFixed(2)}% of a core since start (${fmtDuration(p.cpuSeconds * 1000)} over ${fmtDuration(process.uptime() * 1000)}), pid ${process.pid}, node ${process.version}`,
      ),
    ];
    return lines.join('\n');
  };
}

/** Which store this process runs on and whether it answers, short enough for a phone. */
export function storeStatusLines(h: StoreHealth): string {
  return `${bold('Store')}\n${h.ok ? '✓' : '❗'} ${h.kind} · ${escapeHtml(h.detail)}`;
}
