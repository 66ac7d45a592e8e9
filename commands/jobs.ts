import { z } from 'zod';
import { choiceArg, positional } from '../src/chat/args/basic.args';
import { defineCommand } from '../src/chat/command-types';
import { fmtDuration, zoneAbbrev } from '../src/present/format';
import { bold, escapeHtml } from '../src/present/html';
import type { JobState } from '../src/scheduler/job-types';

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

function jobLine(j: JobState, timerOn: boolean, zone: string): string {
  const head = `${j.enabled ? '•' : '○'} ${bold(j.name)} — ${escapeHtml(j.schedule)}`;
  const parts: string[] = [];
  if (!j.enabled) parts.push(`off: ${escapeHtml(j.disabledReason ?? 'disabled')}`);
  else if (j.running)
    parts.push(`running since ${escapeHtml(at(j.running.since, zone))} (${escapeHtml(j.running.trigger)})`);
  else if (j.waitingFor.length) parts.push(`waiting for ${escapeHtml(j.waitingFor.join(', '))}`);
  // the next occurrence comes from the job table, whichever process runs the scheduler
  if (j.enabled)
    parts.push(
      `next ${escapeHtml(at(j.nextAt, zone))}${j.nextTrigger && j.nextTrigger !== 'schedule' ? ` (${escapeHtml(j.nextTrigger)})` : ''}${timerOn ? '' : ' (under squeezebot start)'}`,
    );
  if (j.last) {
    const took = j.last.finishedAt
      ? ` in ${fmtDuration(Date.parse(j.last.finishedAt) - Date.parse(j.last.startedAt))}`
      : '';
    const why = j.last.error ?? j.last.note;
    parts.push(
      `last ${escapeHtml(j.last.status)} ${escapeHtml(at(j.last.startedAt, zone))}${escapeHtml(took)}${why ? ` — ${escapeHtml(why)}` : ''}`,
    );
  } else parts.push('never run');
  return `${head}\n   ${parts.join(' · ')}`;
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
      await ctx.reply(`Running ${bold(args.name)}…`);
      const t0 = Date.now();
      const { status, runId } = await scheduling.scheduler.runNow(args.name);
      const last = scheduling.scheduler.status().find((j) => j.name === args.name)?.last;
      const why = last?.error ?? last?.note;
      await ctx.reply(
        `${bold(args.name)}: ${escapeHtml(status)} in ${escapeHtml(fmtDuration(Date.now() - t0))} (run #${runId})${why ? ` — ${escapeHtml(why)}` : ''}`,
      );
      return;
    }
    const timerOn = scheduling.started();
    const head = timerOn
      ? 'Scheduled jobs (schedules New York time):'
      : 'Scheduled jobs (schedules New York time) — the scheduler is not running in this process (it runs under <code>squeezebot start</code>); next runs from the job table, last runs from the database:';
    await ctx.reply(
      [head, ...scheduling.scheduler.status().map((j) => jobLine(j, timerOn, ctx.user.prefs.timeZone))].join('\n'),
    );
  },
});
