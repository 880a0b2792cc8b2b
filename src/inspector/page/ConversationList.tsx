import type { ConversationView } from '../protocol.js';

/** The step holding the session in a conversation's latest workflow, if any. */
export function holdingStep(conversation: ConversationView): string | undefined {
  const latest = conversation.workflows[conversation.workflows.length - 1]?.snapshot;
  return latest && !latest.finished ? latest.activeTask?.path : undefined;
}

/** Every conversation, running and finished; the selected one is shown beside it. */
export function ConversationList({ conversations, selected, onSelect }: { conversations: ConversationView[]; selected?: string; onSelect(id: string): void }) {
  if (conversations.length === 0) return <p className="empty">Waiting for a conversation…</p>;
  return (
    <ul className="conversations">
      {conversations.map((conversation) => {
        const holding = holdingStep(conversation);
        return (
          <li key={conversation.id}>
            <button type="button" aria-pressed={conversation.id === selected} className={`status-${conversation.status}`} onClick={() => onSelect(conversation.id)}>
              <span className="title">{conversation.title}</span>
              <span className="meta">
                {conversation.status}
                {holding ? ` · ${holding}` : ''}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
