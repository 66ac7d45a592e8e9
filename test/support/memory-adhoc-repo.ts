import type { AdhocRepo, AdhocRow } from '../../src/db/repos/adhoc.repo';

// The ad-hoc repo's contract kept in a Map: what a service test needs when the SQL is not the subject.
// test/integration/adhoc.service.test.ts runs the same service over the real SQLite repo.

export function memoryAdhocRepo(): AdhocRepo {
  const rows = new Map<string, AdhocRow>();
  return {
    get: (symbol) => rows.get(symbol),
    active: () =>
      [...rows.values()].filter((r) => r.status === 'active').sort((a, b) => a.addedAt.localeCompare(b.addedAt)),
    activeAt: (at) =>
      [...rows.values()]
        .filter((r) => r.addedAt <= at && r.expiresAt > at && (r.status === 'active' || (r.endedAt ?? '') > at))
        .sort((a, b) => a.addedAt.localeCompare(b.addedAt)),
    upsertActive(row) {
      rows.set(row.symbol, { ...row, status: 'active', endedAt: null });
    },
    end(symbol, status, at) {
      const r = rows.get(symbol);
      if (r?.status !== 'active') return false;
      rows.set(symbol, { ...r, status, endedAt: at });
      return true;
    },
    dueToExpire: (now) => [...rows.values()].filter((r) => r.status === 'active' && r.expiresAt <= now),
  };
}
