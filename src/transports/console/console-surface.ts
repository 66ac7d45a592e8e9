import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReplySurface } from '../../chat/chat-core';
import { htmlToText } from '../../present/html';
import type { ReplyOptions } from '../../chat/chat-context';
import type { ButtonBoard } from './console-buttons';

// Replies on the terminal: HTML becomes plain text, photos and documents are written under
// <data_dir>/out/ with their path printed, and an edit prints only the lines that changed (a
// progress message grows line by line instead of being printed whole each time).

export interface ConsoleOutput {
  write(text: string): void;
}

let seq = 0;
/** A file name that sorts by time and never collides within the process. */
export function outFileName(name: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${stamp}-${++seq}-${name.replace(/[^\w.-]+/g, '_')}`;
}

export function writeOutFile(outDir: string, name: string, content: Buffer, now: Date): string {
  mkdirSync(outDir, { recursive: true });
  const path = resolve(join(outDir, outFileName(name, now)));
  writeFileSync(path, content);
  return path;
}

export function createConsoleSurface(options: {
  out: ConsoleOutput;
  outDir: string;
  now: () => Date;
  /** numbers the buttons so they can be typed; without one they are not shown */
  board?: ButtonBoard;
}): ReplySurface {
  const { out, board } = options;
  const shown = new Map<string | number, string[]>();
  let next = 0;
  const linesOf = (html: string, id: number | string, opts?: ReplyOptions): string[] => {
    const lines = htmlToText(html).split('\n');
    if (board && opts?.buttons?.length) lines.push(...board.render(opts.buttons, { messageId: id }).split('\n'));
    return lines;
  };
  const print = (html: string, opts?: ReplyOptions): number => {
    const id = ++next;
    const lines = linesOf(html, id, opts);
    shown.set(id, lines);
    out.write(`${lines.join('\n')}\n`);
    return id;
  };
  return {
    async reply(html, opts) {
      return { messageId: print(html, opts) };
    },
    async replyPhoto(png, caption, opts) {
      const path = writeOutFile(options.outDir, 'chart.png', png, options.now());
      return { messageId: print(`${caption ? `${caption}\n` : ''}[image] ${path}`, opts) };
    },
    async replyDocument(content, filename, caption, opts) {
      const path = writeOutFile(options.outDir, filename, content, options.now());
      return { messageId: print(`${caption ? `${caption}\n` : ''}[file] ${path}`, opts) };
    },
    async edit(message, html, opts) {
      const before = shown.get(message.messageId) ?? [];
      const after = linesOf(html, message.messageId, opts);
      shown.set(message.messageId, after);
      const common = after.findIndex((line, i) => line !== before[i]);
      if (common === -1) return;
      out.write(`${after.slice(common).join('\n')}\n`);
    },
    async action() {},
  };
}
