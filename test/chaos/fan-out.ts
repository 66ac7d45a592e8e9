import { benchAlertDelivery } from '../bench/alert-delivery.bench';

// Chaos scenario (issue 14): a 1,000-alert fan-out through the real outbox, delivery worker and Telegram
// sender against the fake Bot API answering a seeded 10% 429, 5% 500, and dropping 2% of connections
// before the send reaches it and 1% after the send took effect (the answer lost). Targets: 0 lost,
// no duplicate beyond the sends whose answer was lost (a sender over the Bot API cannot tell those).

export async function fanOutScenario(): Promise<void> {
  const alerts = Number(process.env.CHAOS_ALERTS ?? 1000);
  const r = await benchAlertDelivery({
    alerts,
    chats: 100,
    windowMs: 20_000,
    dropBefore: 0.02,
    dropAfter: 0.01,
  });
  console.log(`fan-out: ${r.scenario}`);
  console.log(
    `  delivered ${r.delivered} of ${r.of} (lost ${r.of - r.delivered}), duplicates ${r.duplicates} ` +
      `(sends whose answer was dropped: ${r.dropped_after_send}), dead or failed ${r.dead_or_failed}, drained ${r.drained}`,
  );
  console.log(
    `  ${r.send_calls} send calls (${r.answered_429} × 429, ${r.answered_500} × 500), retry_after violations ${r.retry_after_violations}; ` +
      `latency p50 ${r.latency_ms.p50} ms, p95 ${r.latency_ms.p95} ms; drained in ${(r.drain_ms / 1000).toFixed(1)} s`,
  );
}
