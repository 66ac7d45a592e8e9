import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, projectConfigDir } from '../../src/config/load-config';
import { ConfigError } from '../../src/shared/errors';
import { chatTarget, parseChatTarget } from '../../src/shared/chat-target';

// Alert targets may name a forum topic ("chat:topic"); config takes numbers and such strings and
// says plainly what a malformed one should look like.

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-target-'));
  copyFileSync(join(projectConfigDir, 'default.yaml'), join(dir, 'default.yaml'));
  writeFileSync(join(dir, 'local.yaml'), yaml);
  return loadConfig({ configDir: dir, env: {} }).config;
}

describe('chat targets', () => {
  it('parses a chat, a topic and an @username', () => {
    expect(parseChatTarget('-1001234567890:42')).toEqual({ chatId: -1001234567890, threadId: 42 });
    expect(parseChatTarget('-1001234567890')).toEqual({ chatId: -1001234567890 });
    expect(parseChatTarget(111)).toEqual({ chatId: 111 });
    expect(parseChatTarget('@squeeze_desk')).toEqual({ chatId: '@squeeze_desk' });
    expect(chatTarget(-100, 7)).toBe('-100:7');
    expect(chatTarget(-100)).toBe('-100');
  });

  it('config accepts numbers and "chat:topic" strings in chat_ids', () => {
    const config = load(
      "alerting:\n  channels:\n    telegram:\n      enabled: true\n      chat_ids: [-1001234567890, '-1001234567890:42']\n",
    );
    expect(config.alerting.channels.telegram.chat_ids).toEqual(['-1001234567890', '-1001234567890:42']);
  });

  it('refuses a malformed target with a clear message', () => {
    try {
      load("alerting:\n  channels:\n    telegram:\n      enabled: true\n      chat_ids: ['-100123:topic']\n");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect(String((err as Error).message)).toContain('a topic like -1001234567890:42');
    }
  });
});
