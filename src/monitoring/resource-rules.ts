import type { SystemAlertSpec } from '../alerts/system-rules';

// Resource limits (seed 002, "resource limits"): the process's resident memory and its CPU share over
// the last health-check interval, against alerting.system_rules.resources. A warning comes at
// warn_fraction of a limit — before the process is in trouble — and a critical alert past the limit.
// Pure: the monitor measures (resource-usage.ts) and raises what comes back.

export interface ResourceUsage {
  rssMb: number;
  heapUsedMb: number;
  /** CPU time over wall time since the previous measurement, % of one core; null on the first one */
  cpuPct: number | null;
}

export interface ResourceLimits {
  max_memory_mb: number;
  max_cpu_pct: number;
  warn_fraction: number;
}

export function resourceAlerts(u: ResourceUsage, l: ResourceLimits): SystemAlertSpec[] {
  const out: SystemAlertSpec[] = [];
  const level = (value: number, limit: number) =>
    value > limit ? 'critical' : value >= l.warn_fraction * limit ? 'warning' : null;
  const mem = level(u.rssMb, l.max_memory_mb);
  if (mem)
    out.push({
      severity: mem,
      title: `Memory ${u.rssMb} MB of ${l.max_memory_mb} MB`,
      body:
        `The process holds ${u.rssMb} MB resident (heap ${u.heapUsedMb} MB), ` +
        `${mem === 'critical' ? 'over' : `at ${Math.round((u.rssMb / l.max_memory_mb) * 100)}% of`} its limit of ${l.max_memory_mb} MB.`,
      actions: [
        'See /status for memory and the jobs running now',
        'A restart frees it; if it comes back, a job is holding too much (the log has each job with its duration)',
        'Raise alerting.system_rules.resources.max_memory_mb if the machine has room',
      ],
      dedupeKey: `health:memory:${mem}`,
    });
  const cpu = u.cpuPct === null ? null : level(u.cpuPct, l.max_cpu_pct);
  if (cpu && u.cpuPct !== null)
    out.push({
      severity: cpu,
      title: `CPU ${u.cpuPct.toFixed(0)}% of a core (limit ${l.max_cpu_pct}%)`,
      body: `Over the last health-check interval the process used ${u.cpuPct.toFixed(0)}% of one core, ${cpu === 'critical' ? 'over' : 'near'} its limit of ${l.max_cpu_pct}%. Chat replies slow down when it stays there.`,
      actions: [
        'See /jobs for what ran in that interval (a backfill or import is expected to be busy)',
        'Raise alerting.system_rules.resources.max_cpu_pct if that load is expected',
      ],
      dedupeKey: `health:cpu:${cpu}`,
    });
  return out;
}

/** Measures the process; each call's CPU share covers the time since the previous call. */
export function createResourceMeter(
  read = () => ({ mem: process.memoryUsage(), cpu: process.cpuUsage(), at: performance.now() }),
) {
  let last: ReturnType<typeof read> | null = null;
  return (): ResourceUsage => {
    const now = read();
    const mb = (b: number) => Math.round(b / 1_048_576);
    let cpuPct: number | null = null;
    if (last) {
      const wallMs = now.at - last.at;
      const cpuMs = (now.cpu.user - last.cpu.user + now.cpu.system - last.cpu.system) / 1000;
      cpuPct = wallMs > 0 ? (cpuMs / wallMs) * 100 : null;
    }
    last = now;
    return { rssMb: mb(now.mem.rss), heapUsedMb: mb(now.mem.heapUsed), cpuPct };
  };
}
