import { z } from 'zod';
import { choiceArg, positional } from '../src/chat/args/basic.args';
import { defineCommand } from '../src/chat/command-types';
import { fmtDuration, zoneAbbrev } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import type { JobState } from '../src/scheduler/job-types';
import { commandButton, inPlaceButton, type ButtonRows } from '../src/present/buttons';
import { joinOrBreak, wrapHtml } from '../src/present/phone-width';

// /jobs: every scheduled job with its schedule, next run, last run and outcome; /jobs run NAME runs one
// now (the same code as its schedule, recorded as a manual run) and answers with the outcome.

const nameArg = z
  .string()
  .regex(/^[a-z_]{2,40}$/i, 'a job name (see /jobs)')
  .transform((s) => s.toLowerCase());

// every run time in the reader's zone with its letters (Wed, Nov 27, 18:15 EST); the schedules
// themselves are on scheduling.timezone's clock
const at = (d: Date | string | null | undefined, zone: string): string => {
  if (!d) return '—';
  const date = new Date(d);
  const wall = date.toLocaleString('en-US', {
    timeZone: zone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${wall} ${zoneAbbrev(date, zone)}`;
};

const FAILED = ['failed', 'timeout', 'interrupted'];

/** A job as a short card: name and schedule, then the next run, then the last run (and why, wrapped). */
function jobLine(j: JobState, zone: string): string {
  const head = joinOrBreak(`${j.enabled ? '•' : '○'} ${bold(j.name)}`, escapeHtml(j.schedule), ' — ');
  const lines = [head];
  if (!j.enabled) lines.push(wrapHtml(`off: ${j.disabledReason ?? 'disabled'}`, '   ', '   '));
  else if (j.running)
    lines.push(`   running since ${escapeHtml(at(j.running.since, zone))}`, `   (${escapeHtml(j.running.trigger)})`);
  else if (j.waitingFor.length) lines.push(wrapHtml(`waiting for ${j.waitingFor.join(', ')}`, '   ', '   '));
  // the next occurrence comes from the job table, whichever process runs the scheduler
  if (j.enabled) {
    const trigger = j.nextTrigger && j.nextTrigger !== 'schedule' ? ` (${escapeHtml(j.nextTrigger)})` : '';
    lines.push(`   next ${escapeHtml(at(j.nextAt, zone))}${trigger}`);
  }
  if (j.last) {
    const took = j.last.finishedAt
      ? ` in ${fmtDuration(Date.parse(j.last.finishedAt) - Date.parse(j.last.startedAt))}`
      : '';
    const why = j.last.error ?? j.last.note;
    lines.push(`   last ${escapeHtml(j.last.status)} ${escapeHtml(at(j.last.startedAt, zone))}`);
    if (took) lines.push(`   ${escapeHtml(took.trim())}`);
    if (why) lines.push(wrapHtml(why, '   ', '   '));
  } else lines.push('   never run');
  return lines.join('\n');
}

export const jobsCommand = defineCommand({
  name: 'jobs',
  summary: 'scheduled jobs: next run, last run and outcome; /jobs run NAME runs one now',
  usage: '/jobs [run NAME]',
  example: '/jobs run short_volume',
  minRole: 'admin',
  parse: positional([], [choiceArg('the action', ['run']), nameArg], { names: ['run', 'the job name'] }).transform(
    ({ values: [action, name] }) => ({ action, name }),
  ),
  async run(ctx, args, s) {
    const scheduling = s.scheduling;
    if (args.action === 'run') {
      const names = scheduling.scheduler.names();
      if (!args.name || !names.includes(args.name)) {
        const which = args.name ? `No job called ${bold(args.name)}.` : 'Which job?';
        await ctx.reply(`${which} /jobs run NAME, one of: ${escapeHtml(names.join(', '))}`);
        return;
      }
      const name = args.name;
      const job = scheduling.scheduler.status().find((j) => j.name === name);
      // refused at once, before any question: a disabled job says why
      if (job && !job.enabled) {
        await ctx.reply(wrapHtml(`${name} is disabled${job.disabledReason ? `: ${job.disabledReason}` : ''}.`));
        return;
      }
      // an admin action that fetches or rewrites data: asked first, like /set
      await ctx.confirm(
        `Run ${bold(name)} now?`,
        async () => {
          const t0 = Date.now();
          const { status, runId } = await scheduling.scheduler.runNow(name);
          const last = scheduling.scheduler.status().find((j) => j.name === name)?.last;
          const why = last?.error ?? last?.note;
          return [
            `${bold(name)}: ${escapeHtml(status)} in ${escapeHtml(fmtDuration(Date.now() - t0))}`,
            `run #${runId}`,
            ...(why ? [wrapHtml(why)] : []),
          ].join('\n');
        },
        { confirmText: '▶ Run now' },
      );
      return;
    }
    const timerOn = scheduling.started();
    const head = timerOn
      ? bold('Scheduled jobs') + ' (New York)'
      : `${bold('Scheduled jobs')} (New York)\n${wrapHtml('The scheduler is not running in this process (it runs under squeezebot start); next runs from the job table, last runs from the database.')}`;
    const jobs = scheduling.scheduler.status();
    // a failed job gets a Run now button (asked first); the others run with /jobs run NAME
    const failed = jobs.filter((j) => j.enabled && j.last && FAILED.includes(j.last.status));
    const buttons: ButtonRows = [
      ...failed.slice(0, 6).map((j) => [commandButton(`▶ Run ${j.name}`, `/jobs run ${j.name}`)]),
      [inPlaceButton('↻ Refresh', '/jobs')],
    ];
    await ctx.reply([head, ...jobs.map((j) => jobLine(j, ctx.user.prefs.timeZone))].join('\n'), { buttons });
  },
});
