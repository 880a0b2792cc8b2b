import type { TranscriptEntry } from '../protocol.js';

/** One line of the transcript: a message, a tool call, a step entered, a go-back, an error, the end. */
export function TranscriptEntryLine({ entry }: { entry: TranscriptEntry }) {
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
