// What the HTTP layer reports about each provider call and circuit, and the sink it reports to:
// declared here so the provider-health repo implements the sink without importing providers/.

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CallRecord {
  provider: string;
  url: string;
  ok: boolean;
  status: number | null;
  ms: number;
  error?: string;
  at: Date;
}

/** Where call outcomes go (the provider-health repo in the running bot). */
export interface HealthSink {
  call(record: CallRecord): void;
  circuit(provider: string, state: CircuitState, at: Date): void;
}
