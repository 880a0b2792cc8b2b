import { useState } from 'react';
import { ConversationDetail } from './ConversationDetail.js';
import { ConversationList } from './ConversationList.js';
import type { FeedState } from './feed-reducer.js';

/** The inspector's page for a feed: the conversations, and the one chosen (by default the latest running). */
export function InspectorPage({ feed }: { feed: FeedState }) {
  const [chosen, setChosen] = useState<string>();
  const { conversations } = feed;
  const latestRunning = [...conversations].reverse().find((c) => c.status === 'running');
  const shown = conversations.find((c) => c.id === chosen) ?? latestRunning ?? conversations[conversations.length - 1];
  return (
    <div className="inspector">
      <header className="top">
        <h1>react-agent-tasks inspector</h1>
        <span className={`connection ${feed.connection}`}>{feed.connection === 'open' ? 'live' : feed.connection}</span>
      </header>
      <nav className="sidebar" aria-label="conversations">
        <ConversationList conversations={conversations} selected={shown?.id} onSelect={setChosen} />
      </nav>
      <main>{shown ? <ConversationDetail conversation={shown} /> : <p className="empty">Start a conversation with the inspector attached.</p>}</main>
    </div>
  );
}
