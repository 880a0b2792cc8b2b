import { useEffect, useRef } from 'react';
import type { TranscriptEntry } from '../protocol.js';
import { TranscriptEntryLine } from './TranscriptEntryLine.js';

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
        <TranscriptEntryLine key={i} entry={entry} />
      ))}
      <li ref={end} className="end" aria-hidden="true" />
    </ol>
  );
}
