// The PostgreSQL advisory lock keys squeezebot takes, in one place so two uses never share a key.
// Any fixed 64-bit numbers would do; these spell "sqzb" and a sequence number.

/** Held while a process applies migrations, so replicas starting together migrate once. */
export const MIGRATION_LOCK_KEY = 0x73717a62_0001;
/** Held for its whole session by the one replica that runs the scheduler (the leader). */
export const SCHEDULER_LEADER_LOCK_KEY = 0x73717a62_0002;
