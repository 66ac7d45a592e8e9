import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/alerts/outbox';
import { isGone, thisProcess } from '../../src/alerts/process-owner';
import { createRepos } from '../../src/db/repos';
import { systemClock } from '../../src/shared/clock';
import { tempDb } from '../support/temp-db';

// Taking back rows a dead process left 'sending', on a real store: a claimer gone from this host at
// once, one we cannot check only by age, and a row already re-sent once never a third time.

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

// a pid above the kernel's pid_max (4194304) never runs
const GONE = `${hostname()}:999999999`;
const ELSEWHERE = 'another-host:1234';
const T = '2021-01-27T23:00:00.000Z';
const LATER = '2021-01-27T23:00:05.000Z';

function store() {
  const t = tempDb();
  cleanups.push(() => t.cleanup());
  const repos = createRepos(t.db);
  const outbox = createOutbox({ repos, clock: systemClock });
  return { repo: repos.outbox, outbox };
}

describe('outbox recovery of rows in flight', () => {
  it('tells a claimer gone from this host from a live one and from one it cannot check', () => {
    expect(isGone(GONE)).toBe(true);
    expect(isGone(thisProcess())).toBe(false);
    expect(isGone(`${hostname()}:1`)).toBe(false); // init: alive
    expect(isGone(ELSEWHERE)).toBe(false);
  });

  it('takes back a gone claimer’s row at once, an unverifiable one only once it is old', () => {
    const { repo } = store();
    const gone = repo.insert({
      channel: 'telegram',
      target: '1',
      payload: { html: 'a' },
      nextAttemptAt: T,
      createdAt: T,
    });
    const far = repo.insert({
      channel: 'telegram',
      target: '2',
      payload: { html: 'b' },
      nextAttemptAt: T,
      createdAt: T,
    });
    expect(repo.claim(gone, T, GONE)).toBe(true);
    expect(repo.claim(far, T, ELSEWHERE)).toBe(true);
    expect(repo.sendingOwners().sort()).toEqual([ELSEWHERE, GONE].sort());
    const early = repo.recoverInFlight({ claimedBefore: '2021-01-27T22:58:00.000Z', now: LATER, deadOwners: [GONE] });
    expect(early).toEqual({ requeued: 1, abandoned: 0 });
    expect(repo.get(gone)).toMatchObject({ status: 'queued', recoveredAt: LATER });
    expect(repo.get(far)).toMatchObject({ status: 'sending', recoveredAt: null });
    expect(repo.recoverInFlight({ claimedBefore: LATER, now: LATER })).toEqual({ requeued: 1, abandoned: 0 });
    expect(repo.get(far)).toMatchObject({ status: 'queued' });
  });

  it('sends a recovered row with the note, and abandons it (dead, with the reason) at a second crash', () => {
    const { repo, outbox } = store();
    const id = outbox.enqueue({ channel: 'telegram', target: '1', html: '<b>GME</b> high' });
    expect(outbox.message(repo.get(id)!).html).toBe('<b>GME</b> high');
    repo.claim(id, T, GONE);
    repo.recoverInFlight({ claimedBefore: T, now: LATER, deadOwners: [GONE] });
    expect(outbox.message(repo.get(id)!).html).toBe(
      '<i>(re-sent after a restart; you may have this already)</i>\n<b>GME</b> high',
    );
    // the re-send is in flight when the process dies again
    repo.claim(id, LATER, GONE);
    expect(repo.recoverInFlight({ claimedBefore: LATER, now: LATER, deadOwners: [GONE] })).toEqual({
      requeued: 0,
      abandoned: 1,
    });
    expect(repo.get(id)).toMatchObject({ status: 'dead' });
    expect(repo.get(id)!.lastError).toMatch(/in flight at two crashes/);
  });

  it('puts the note in an email’s subject, not in its HTML document', () => {
    const { repo, outbox } = store();
    const id = outbox.enqueue({ channel: 'email', target: 'a@b.c', html: '<html>x</html>', subject: 'Squeeze: GME' });
    repo.claim(id, T, GONE);
    repo.recoverInFlight({ claimedBefore: T, now: LATER, deadOwners: [GONE] });
    const m = outbox.message(repo.get(id)!);
    expect(m.subject).toBe('Squeeze: GME (re-sent after a restart; you may have this already)');
    expect(m.html).toBe('<html>x</html>');
  });
});
