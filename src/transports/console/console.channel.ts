import type { DeliveryChannel, DeliveryReceipt, OutboundMessage } from '../../notify/delivery-channel';
import { htmlToText } from '../../present/html';
import type { ConsoleOutput } from './console-surface';
import { writeOutFile } from './console-surface';
import type { ButtonBoard } from './console-buttons';

// Pushed messages (alerts, digests) on the terminal when there is no Telegram token: the delivery
// worker hands them here like it would to Telegram. Attachments go under <data_dir>/out/.

export function createConsoleChannel(options: {
  out: ConsoleOutput;
  outDir: string;
  now: () => Date;
  /** numbers the buttons so they can be typed (shared with the chat surface) */
  board?: ButtonBoard;
}): DeliveryChannel {
  return {
    kind: 'console',
    async send(message: OutboundMessage): Promise<DeliveryReceipt> {
      const lines = [`📣 ${message.subject ? `${message.subject}\n` : ''}${message.text ?? htmlToText(message.html)}`];
      for (const a of message.attachments ?? [])
        lines.push(
          `[${a.contentType.startsWith('image/') ? 'image' : 'file'}] ${writeOutFile(options.outDir, a.filename, a.content, options.now())}`,
        );
      if (message.buttons?.length && options.board)
        lines.push(options.board.render(message.buttons, { messageId: `alert-${message.id}` }));
      options.out.write(`${lines.join('\n')}\n`);
      return { externalId: `console-${message.id}` };
    },
  };
}
