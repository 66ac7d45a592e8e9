// The emergency switch (seed 002's kill switch) in words, one wording for /status, /jobs, the
// /emergency_off reply and the notes of the jobs it pauses.

export interface EmergencyState {
  disabled: boolean;
  source: 'env' | 'chat' | null;
  by?: string;
  at?: string;
}

/** the jobs that only raise alerts: skipped while the switch is off (scheduler/job-table.ts onlyAlerts) */
export const PAUSED_JOBS = ['dip_scan', 'intraday_watch'] as const;

/** "alert delivery is OFF (/emergency_off by ann)", or null when delivery is on */
export function emergencyReason(em: EmergencyState): string | null {
  if (!em.disabled) return null;
  return `alert delivery is OFF (${em.source === 'env' ? 'SQUEEZEBOT_EMERGENCY_DISABLE=1' : `/emergency_off by ${em.by ?? 'an admin'}`})`;
}

/** What the switch pauses, for /status and the /emergency_off reply. */
export const PAUSED_SENTENCE = `Paused with it: ${PAUSED_JOBS.join(' and ')}; the scheduled scan still runs and saves its list, without raising alerts.`;
