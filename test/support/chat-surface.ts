import type { ReplySurface } from '../../src/chat/chat-core';

// A reply surface that records what a command sent, for driving the real chat core in tests.

export function recordingSurface() {
  const replies: string[] = [];
  const photos: { png: Buffer; caption: string | undefined }[] = [];
  const documents: { content: Buffer; filename: string }[] = [];
  const surface: ReplySurface = {
    reply: async (html) => {
      replies.push(html);
      return { messageId: replies.length };
    },
    replyPhoto: async (png, caption) => {
      photos.push({ png, caption });
      return { messageId: 0 };
    },
    replyDocument: async (content, filename) => {
      documents.push({ content, filename });
      return { messageId: 0 };
    },
    edit: async () => {},
    action: async () => {},
  };
  return { surface, replies, photos, documents };
}
