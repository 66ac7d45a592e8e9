import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReplySurface } from '../../chat/chat-core';
import { htmlToText } from '../../present/html';

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

export function createConsoleSurface(options: { out: ConsoleOutput; outDir: string; now: () => Date }): ReplySurface {
  const { out } = options;
  const shown = new Map<string | number, string[]>();
  let next = 0;
  const print = (html: string): number => {
    const id = ++next;
    const lines = htmlToText(html).split('\n');
    shown.set(id, lines);
    out.write(`${lines.join('\n')}\n`);
    return id;
  };
  return {
    async reply(html) {
      return { messageId: print(html) };
    },
    async replyPhoto(png, caption) {
      const path = writeOutFile(options.outDir, 'chart.png', png, options.now());
      return { messageId: print(`${caption ? `${caption}\n` : ''}[image] ${path}`) };
    },
    async replyDocument(content, filename, caption) {
      const path = writeOutFile(options.outDir, filename, content, options.now());
      return { messageId: print(`${caption ? `${caption}\n` : ''}[file] ${path}`) };
    },
    async edit(message, html) {
      const before = shown.get(message.messageId) ?? [];
      const after = htmlToText(html).split('\n');
      shown.set(message.messageId, after);
      const common = after.findIndex((line, i) => line !== before[i]);
      if (common === -1) return;
      out.write(`${after.slice(common).join('\n')}\n`);
    },
    async action() {},
  };
}
