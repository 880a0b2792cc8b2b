import type { ConversationView, ServerMessage } from '../protocol.js';

/** What the page knows: the connection, and every conversation in the order it appeared. */
export interface FeedState {
  connection: 'connecting' | 'open' | 'closed';
  conversations: ConversationView[];
}

export type FeedAction = { type: 'connection'; status: FeedState['connection'] } | { type: 'messages'; messages: ServerMessage[] };

export const initialFeed: FeedState = { connection: 'connecting', conversations: [] };

function apply(conversations: ConversationView[], message: ServerMessage): ConversationView[] {
  switch (message.type) {
    case 'hello':
      return message.conversations;
    case 'conversation': {
      const at = conversations.findIndex((c) => c.id === message.conversation.id);
      if (at < 0) return [...conversations, { ...message.conversation, transcript: [] }];
      return conversations.map((c, i) => (i === at ? { ...message.conversation, transcript: c.transcript } : c));
    }
    case 'transcript':
      return conversations.map((c) => {
        if (c.id !== message.id) return c;
        // A frame queued before `hello` was sent repeats entries `hello` already had.
        const fresh = message.entries.slice(Math.max(0, c.transcript.length - message.from));
        return fresh.length === 0 ? c : { ...c, transcript: [...c.transcript, ...fresh] };
      });
    case 'removed':
      return conversations.filter((c) => c.id !== message.id);
  }
}

/** Applies what the server sends; pure, so the page and its tests share it. */
export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  if (action.type === 'connection') return { ...state, connection: action.status };
  return { ...state, conversations: action.messages.reduce(apply, state.conversations) };
}
