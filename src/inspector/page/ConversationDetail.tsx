import type { ConversationView } from '../protocol.js';
import { holdingStep } from './ConversationList.js';
import { ResultsPanel } from './ResultsPanel.js';
import { StepGraph } from './StepGraph.js';
import { Transcript } from './Transcript.js';

/** One conversation: each workflow's tree and results, and the transcript. */
export function ConversationDetail({ conversation }: { conversation: ConversationView }) {
  const holding = holdingStep(conversation);
  const workflows = conversation.workflows;
  return (
    <section className="detail" aria-label={`conversation ${conversation.title}`}>
      <header className="detail-header">
        <h2>{conversation.title}</h2>
        <span className={`badge status-${conversation.status}`}>{conversation.status}</span>
        {holding && <span className="holding">● {holding} holds the session</span>}
      </header>
      <div className="columns">
        <div className="column">
          {workflows.length === 0 && <p className="empty">No workflow has started yet.</p>}
          {workflows.map((workflow) => (
            <div key={workflow.number} className="card">
              <h3>
                Workflow {workflows.length > 1 ? workflow.number : ''}
                {workflow.snapshot.finished ? ' (finished)' : ''}
              </h3>
              <StepGraph snapshot={workflow.snapshot} />
              <h3>Collected</h3>
              <ResultsPanel root={workflow.snapshot.root} />
            </div>
          ))}
        </div>
        <div className="column card transcript-card">
          <h3>Transcript</h3>
          <Transcript entries={conversation.transcript} />
        </div>
      </div>
    </section>
  );
}
