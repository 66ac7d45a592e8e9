import type { ChatContext, SentMessage } from './chat-context';

// What a transport hands the chat core: who wrote what where, and the surface to reply on.

/** How a transport replies: the ChatContext methods, bound to one chat. */
export type ReplySurface = Pick<ChatContext, 'reply' | 'replyPhoto' | 'replyDocument' | 'edit' | 'action'>;

export interface IncomingBase {
  userId: string;
  userName: string;
  chatId: string;
  /** groups obey only authorized users and stay silent to everyone else */
  chatType: 'private' | 'group' | 'console';
  surface: ReplySurface;
  /** a surface on another chat (an admin's, to pass on an access request); absent where there is none (console) */
  surfaceFor?: (chatId: string) => ReplySurface;
  /** answer as of this day (`chat --as-of`); default: today in New York */
  asOf?: string;
}
export interface IncomingMessage extends IncomingBase {
  text: string;
}
export interface IncomingButton extends IncomingBase {
  data: string;
  message: SentMessage | null;
  answer(text?: string): Promise<void>;
}
