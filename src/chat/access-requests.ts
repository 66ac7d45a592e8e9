import type { AccessRequestRow } from '../db/repos/access-requests.repo';
import { button, type ButtonRows } from '../present/buttons';
import { bold, code, escapeHtml } from '../present/html';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AdmittedUser, Role } from './chat-context';
import type { IncomingButton } from './incoming';
import type { UserAuth } from './user-auth';

// "Request access": a stranger presses the button under the refusal, every admin gets the request
// with Approve and Deny buttons, the first admin to press decides (the role is granted, the stranger
// is told), a later press hears who decided. A stranger has no role, so the chat core lets exactly
// this one button past admission; one pending request per user keeps a stranger from flooding admins.

/** The callback data of the stranger's button (no payload: who asks is the presser). */
export const REQUEST_ACCESS = 'req:';
/** The admins' buttons: `acc:viewer:777`, `acc:trader:777`, `acc:deny:777`. */
export const DECIDE_ACCESS = 'acc:';

export const requestAccessButtons = (): ButtonRows => [[button('🙋 Request access', REQUEST_ACCESS)]];

const GRANTABLE = ['viewer', 'trader'] as const satisfies readonly Role[];

function decisionButtons(userId: string): ButtonRows {
  return [
    [
      ...GRANTABLE.map((role) => button(`Approve as ${role}`, `${DECIDE_ACCESS}${role}:${userId}`)),
      button('Deny', `${DECIDE_ACCESS}deny:${userId}`),
    ],
  ];
}

const who = (r: Pick<AccessRequestRow, 'name' | 'userId'>) => `${bold(r.name)} (id ${code(r.userId)})`;

/** What an admin's copy of a request says once decided (the pressed one, and any pressed later). */
function decidedHtml(r: AccessRequestRow): string {
  const verdict = r.status === 'approved' ? `Approved as ${escapeHtml(r.role ?? 'viewer')}` : 'Denied';
  return `${who(r)} asked for access.\n${verdict} by ${escapeHtml(r.decidedBy ?? 'an admin')}.`;
}

export function createAccessDesk(deps: { auth: UserAuth; clock: Clock; log: Logger }) {
  const { auth, log } = deps;
  const requests = auth.requests;

  async function tell(input: IncomingButton, chatId: string, html: string, buttons?: ButtonRows): Promise<boolean> {
    if (!input.surfaceFor) return false;
    try {
      await input.surfaceFor(chatId).reply(html, { buttons });
      return true;
    } catch (err) {
      // an admin who never opened the bot cannot be written to; the others still can
      log.warn({ chatId, err: (err as Error).message }, 'access request message not sent');
      return false;
    }
  }

  return {
    /** A stranger's press of "Request access" (the core has checked they have no role). */
    async request(input: IncomingButton): Promise<'ok' | 'ignored'> {
      if (input.chatType !== 'private') {
        await input.answer();
        return 'ignored';
      }
      const prior = requests.get(input.userId);
      if (prior?.status === 'pending') {
        await input.answer('Already requested — an admin will answer you here.');
        return 'ignored';
      }
      if (prior?.status === 'denied') {
        await input.answer('An admin has already declined this request.');
        return 'ignored';
      }
      const row = {
        userId: input.userId,
        name: input.userName || input.userId,
        chatId: input.chatId,
        requestedAt: deps.clock.now().toISOString(),
      };
      requests.open(row);
      log.info({ userId: row.userId, userName: row.name }, 'access requested');
      let reached = 0;
      for (const admin of auth.adminIds())
        if (await tell(input, admin, `${who(row)} asks for access.`, decisionButtons(row.userId))) reached++;
      const html = reached
        ? 'Request sent to the admins. You will get a message here when one of them answers.'
        : 'Request saved, but no admin could be messaged just now; they will see it in /users.';
      if (input.message) await input.surface.edit(input.message, html);
      else await input.surface.reply(html);
      await input.answer('Request sent');
      return 'ok';
    },

    /** An admin's Approve or Deny; the first press decides, later ones hear by whom. */
    async decide(input: IncomingButton, admin: AdmittedUser, answer: (text?: string) => Promise<void>) {
      if (admin.role !== 'admin') {
        await answer('Only an admin can answer access requests.');
        return 'forbidden' as const;
      }
      const m = /^acc:(viewer|trader|deny):(\d+)$/.exec(input.data);
      const row = m ? requests.get(m[2]!) : undefined;
      if (!m || !row) {
        await answer('This request is no longer there — see /users.');
        return 'ignored' as const;
      }
      const [, verdict, userId] = m as unknown as [string, 'viewer' | 'trader' | 'deny', string];
      const decision = {
        status: verdict === 'deny' ? ('denied' as const) : ('approved' as const),
        role: verdict === 'deny' ? null : verdict,
        decidedBy: admin.name || admin.id,
        decidedAt: deps.clock.now().toISOString(),
      };
      if (!requests.decide(userId, decision)) {
        const decided = requests.get(userId)!;
        if (input.message) await input.surface.edit(input.message, decidedHtml(decided)).catch(() => {});
        await answer(`Already decided by ${decided.decidedBy ?? 'another admin'}.`);
        return 'ignored' as const;
      }
      if (decision.role) auth.setRole(userId, decision.role, admin.id, row.name);
      log.info({ userId, verdict, by: admin.id }, 'access request decided');
      const decided = { ...row, ...decision };
      if (input.message) await input.surface.edit(input.message, decidedHtml(decided));
      else await input.surface.reply(decidedHtml(decided));
      await tell(
        input,
        row.chatId,
        decision.role
          ? `You're in as ${bold(decision.role)} — try /start.`
          : 'Sorry — an admin has declined your request for access to this bot.',
      );
      await answer(decision.role ? `Approved as ${decision.role}` : 'Denied');
      return 'ok' as const;
    },
  };
}

export type AccessDesk = ReturnType<typeof createAccessDesk>;
