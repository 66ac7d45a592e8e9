import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { providerHealth } from '../schema';
import type { CallRecord, CircuitState, HealthSink } from '../../domain/provider-calls';
import { scrubSecrets } from '../../shared/secrets';

export type ProviderHealthRow = typeof providerHealth.$inferSelect;

/** Provider health: every call counted and timed, the last outcome, the circuit state. */
export function createProviderHealthRepo(db: Db): HealthSink & { all(): ProviderHealthRow[] } {
  const upsertCall = db.$client.prepare(`
    INSERT INTO provider_health (provider, calls, failures, total_ms, last_status, last_error, last_success_at, last_failure_at, updated_at)
    VALUES (@provider, 1, @failed, @ms, @status, @error, @successAt, @failureAt, @at)
    ON CONFLICT (provider) DO UPDATE SET
      calls = provider_health.calls + 1,
      failures = provider_health.failures + excluded.failures,
      total_ms = provider_health.total_ms + excluded.total_ms,
      last_status = excluded.last_status,
      last_error = coalesce(excluded.last_error, CASE WHEN excluded.failures = 0 THEN NULL ELSE provider_health.last_error END),
      last_success_at = coalesce(excluded.last_success_at, provider_health.last_success_at),
      last_failure_at = coalesce(excluded.last_failure_at, provider_health.last_failure_at),
      updated_at = excluded.updated_at`);
  const upsertCircuit = db.$client.prepare(`
    INSERT INTO provider_health (provider, circuit_state, circuit_opened_at, updated_at)
    VALUES (@provider, @state, @openedAt, @at)
    ON CONFLICT (provider) DO UPDATE SET
      circuit_state = excluded.circuit_state,
      circuit_opened_at = CASE WHEN excluded.circuit_state = 'open' THEN excluded.circuit_opened_at ELSE provider_health.circuit_opened_at END,
      updated_at = excluded.updated_at`);
  return {
    call(r: CallRecord) {
      const at = r.at.toISOString();
      upsertCall.run({
        provider: r.provider,
        failed: r.ok ? 0 : 1,
        ms: r.ms,
        status: r.status === null ? 'error' : String(r.status),
        error: r.ok ? null : scrubSecrets(r.error ?? `HTTP ${r.status}`),
        successAt: r.ok ? at : null,
        failureAt: r.ok ? null : at,
        at,
      });
    },
    circuit(provider: string, state: CircuitState, at: Date) {
      upsertCircuit.run({
        provider,
        state,
        openedAt: state === 'open' ? at.toISOString() : null,
        at: at.toISOString(),
      });
    },
    all() {
      return db
        .select()
        .from(providerHealth)
        .orderBy(sql`${providerHealth.provider}`)
        .all();
    },
  };
}
