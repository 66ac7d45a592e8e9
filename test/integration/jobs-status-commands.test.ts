import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneLine, sayConfirmed, sayTo } from '../support/chat-surface';
import { widePhoneLines } from '../../src/present/phone-width';
import { EVERY_JOB } from '../support/scheduler-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobRunsRepo } from '../../src/db/repos/job-runs.repo';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';

// /jobs and the /status lines this part adds, through the real app wiring and chat core (no network:
// only jobs that make no HTTP calls are run).

let dir: string;
let app: App;
const clock = fakeClock('2024-11-26T23:20:00Z'); // 18:20 New York, Tuesday 2024-11-26

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-jobs-cmd-'));
  app = createApp({ dbPath: join(dir, 'jobs.db'), env: { TELEGRAM_ADMIN_IDS: '1' }, clock, logLevel: 'silent' });
  app.chat.services.users.setRole('6', 'trader', '1');
});
afterEach(async () => {
  await app.scheduling.stop({ graceMs: 100 });
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const say = (text: string, userId = '1') =>
  sayTo(app, text, { userId, userName: `user${userId}`, chatType: 'private' });

describe('/jobs', () => {
  it('lists every job with its schedule, and the intraday watch off without a quote source', async () => {
    const { text } = await say('/jobs');
    // intraday_watch is asserted below: off without a quote source
    for (const name of EVERY_JOB.filter((n) => n !== 'intraday_watch')) {
      expect(text).toContain(`<b>${name}</b>`);
    }
    expect(text).toContain('trading days 18:15');
    // a schedule too long for the name's line goes on its own line
    expect(text).toMatch(/intraday_watch<\/b>\n {3}every 5 min in market hours\n {3}off: no quote source:/);
    expect(oneLine(text)).toContain('not running in this process');
    // next runs from the job table all the same (18:20 on a Tuesday: short volume next on Wednesday 18:15)
    expect(text).toMatch(/short_volume<\/b> — trading days 18:15\n {3}next Wed, Nov 27, 18:15 EST\n/);
    expect(text).toMatch(/universe<\/b> — Mon 08:00\n {3}next Mon, Dec 2, 08:00 EST/);
    expect(widePhoneLines(text)).toEqual([]);
  });

  it('runs a job now and records it as a manual run', async () => {
    // an admin action: asked first, run on Confirm, the result in place of the question
    const asked = await say('/jobs run retention');
    expect(asked.text).toBe('Run <b>retention</b> now?');
    expect(createJobRunsRepo(app.db).last('retention')).toBeFalsy();
    const { text } = await sayConfirmed(app, '/jobs run retention', {
      userId: '1',
      userName: 'user1',
      chatType: 'private',
    });
    expect(text).toMatch(/retention<\/b>: ok in/);
    const last = createJobRunsRepo(app.db).last('retention')!;
    expect(last.trigger).toBe('manual');
    expect(last.status).toBe('ok');
    expect(last.stats).toMatchObject({ pipelineRuns: 0, jobRuns: 0, outbox: 0 });
    expect((await say('/jobs')).text).toMatch(/retention<\/b>[^\n]*\n(?: {3}[^\n]*\n)*? {3}last ok/);
  });

  it('refuses a disabled job with its reason, an unknown one, and non-admins', async () => {
    const disabled = await say('/jobs run intraday_watch');
    expect(oneLine(disabled.text)).toContain('intraday_watch is disabled: no quote source: set POLYGON_API_KEY');
    expect(disabled.buttons.flat()).toEqual([]);
    expect((await say('/jobs run nosuch')).text).toContain(
      'No job called <b>nosuch</b>. /jobs run NAME, one of: universe, short_volume',
    );
    expect((await say('/jobs', '6')).outcome).not.toBe('ok');
  });
});

describe('/status', () => {
  it('adds the last run of each job and the process memory and CPU to what it already shows', async () => {
    await sayConfirmed(app, '/jobs run adhoc_expiry', { userId: '1', userName: 'user1', chatType: 'private' });
    const { text } = await say('/status');
    expect(text).toContain('<b>Jobs</b>');
    expect(text).toMatch(/• adhoc_expiry skipped/);
    expect(text).toMatch(/• short_volume never\n/);
    expect(oneLine(text)).toMatch(/memory \d+ MB resident, heap \d+\/\d+ MB; CPU \d+\.\d\d% of a core since start/);
    // the existing sections are still there, once
    expect(text.match(/<b>Providers<\/b>/g)).toHaveLength(1);
    expect(text).toContain('Outbox:');
  });
});
