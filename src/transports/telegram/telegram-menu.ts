import type { ChatCore } from '../../chat/chat-core';
import type { TelegramSender } from '../../notify/telegram-sender';
import type { Logger } from '../../shared/logger';

// The "/" menu Telegram shows. Scopes do not add up: a chat-scoped list replaces the default one for
// that chat, so each admin's private chat gets the whole admin menu (everyone's commands and the
// admin-only ones), and everyone else sees the trader menu (a viewer who picks a trader command is
// told which role it needs). Admins added later with /users get their menu at the next start.

export async function publishMenus(deps: {
  sender: TelegramSender;
  core: ChatCore;
  adminIds: string[];
  logger: Logger;
}): Promise<{ scopes: number }> {
  const { sender, core } = deps;
  await sender.setCommands(core.menuCommands('trader'), { type: 'default' });
  const adminMenu = core.menuCommands('admin');
  let scopes = 1;
  for (const id of deps.adminIds) {
    // a user id is also the id of the private chat with that user
    if (!/^\d+$/.test(id)) continue;
    await sender.setCommands(adminMenu, { type: 'chat', chat_id: Number(id) }).then(
      () => void scopes++,
      // an admin who never opened a chat with the bot: Telegram says "chat not found"; the rest still work
      (err: Error) => deps.logger.warn({ adminId: id, err: err.message }, 'admin menu not set'),
    );
  }
  return { scopes };
}
