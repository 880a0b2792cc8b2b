import { useEffect, useRef } from 'react';
import type { TranscriptEntry } from '../protocol.js';

function Entry({ entry }: { entry: TranscriptEntry }) {
  switch (entry.kind) {
    case 'message':
      return (
        <li className={`message ${entry.role}${entry.masked ? ' masked' : ''}`}>
          <span className="who">{entry.role === 'user' ? 'caller' : 'agent'}</span>
          <span className="text">{entry.text}</span>
        </li>
      );
    case 'tool':
      return (
        <li className={`tool${entry.isError ? ' error' : ''}${entry.masked ? ' masked' : ''}`}>
          <span className="who">tool</span>
          <code>
            {entry.name}({entry.args === '{}' ? '' : entry.args}){entry.output ? ` → ${entry.output}` : ''}
          </code>
        </li>
      );
    case 'entered':
      return (
        <li className="entered">
          → {entry.path}
          {entry.sensitive ? ' 🔒 sensitive: values masked' : ''}
        </li>
      );
    case 'wentBack':
      return (
        <li className="went-back">
          ↩ back to {entry.targets.join(', ')} (from {entry.from})
        </li>
      );
    case 'error':
      return <li className="failure">✗ {entry.message}</li>;
    case 'closed':
      return <li className="closed">call ended ({entry.reason})</li>;
  }
}

/** The conversation as it happens: who said what, tool calls with arguments and output, steps entered, go-backs. */
export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [entries.length]);
  if (entries.length === 0) return <p className="empty">Nothing said yet.</p>;
  return (
    <ol className="transcript" aria-label="transcript">
      {entries.map((entry, i) => (
        <Entry key={i} entry={entry} />
      ))}
      <li ref={end} className="end" aria-hidden="true" />
    </ol>
  );
}
