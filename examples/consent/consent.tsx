import type { llm } from '@livekit/agents';
import { Task, useEndGroup, useOnEnter, useTool } from 'react-agent-tasks';
import { type TrackedAgentOptions, createTrackedAgent } from '../shared/tracked-agent.js';

export interface CollectConsentProps {
  /** Needed when the consent step is part of a `<TaskGroup>`. */
  id?: string;
  description?: string;
  /** Seeds the task's conversation, as the seed's `new CollectConsent(this.chatCtx)`. */
  chatCtx?: llm.ChatContext;
  onComplete?: (consent: boolean) => void;
  /**
   * As a step of a `<TaskGroup>`: a decline completes the step with `false` and ends the group
   * early and successfully (`useEndGroup`), so the group resolves with what was collected and
   * `endedBy` set to this step. Only inside a group: elsewhere `useEndGroup` throws a
   * `react-agent-tasks:` error. Default false: a decline is just the result `false`.
   */
  endGroupOnDecline?: boolean;
}

/**
 * Asks for recording consent and completes with `true` or `false`. Reusable anywhere a
 * `<Task>` fits: on its own with `runTask`/`createAgent`, or as a step of a group, where
 * `endGroupOnDecline` makes a "no" end the group.
 */
export function CollectConsent({
  id = 'consent',
  description = 'Asks for recording consent',
  chatCtx,
  onComplete,
  endGroupOnDecline = false,
}: CollectConsentProps) {
  return (
    <Task<boolean>
      id={id}
      description={description}
      chatCtx={chatCtx}
      onComplete={onComplete}
      instructions="Ask for recording consent and get a clear yes or no answer. Be polite and professional."
    >
      <ConsentQuestion />
      {endGroupOnDecline ? <DeclineEndsGroup /> : <DeclineCompletes />}
    </Task>
  );
}

function ConsentQuestion() {
  useOnEnter(({ session }) => {
    session.generateReply({
      instructions:
        'Briefly introduce yourself, then ask for permission to record the call for quality assurance and training purposes. ' +
        'Make it clear that they can decline.',
    });
  });
  useTool('consent_given', {
    description: 'Use this when the user gives consent to record.',
    execute: (_args, { complete }) => complete(true),
  });
  return null;
}

// The decline tool, one component per behaviour: hooks cannot be called conditionally. Rendered
// after ConsentQuestion, so the model sees consent_given then consent_denied, as in the seed.
const DENIED = 'Use this when the user denies consent to record.';

function DeclineCompletes() {
  useTool('consent_denied', { description: DENIED, execute: (_args, { complete }) => complete(false) });
  return null;
}

function DeclineEndsGroup() {
  const endGroup = useEndGroup<boolean>();
  useTool('consent_denied', { description: DENIED, execute: () => endGroup(false) });
  return null;
}

export interface CustomerServiceOptions extends Pick<TrackedAgentOptions<boolean>, 'onEvent' | 'strict' | 'track'> {
  /** Called once the agent acted on the answer (offered help, or ended the call). */
  onConsent?: (consent: boolean) => void;
}

/**
 * The seed's CustomerServiceAgent: asks for consent first, then offers help, or says it cannot
 * go on and ends the call (`session.shutdown`, which lets the goodbye finish first).
 */
export function createCustomerServiceAgent({ onConsent, ...workflow }: CustomerServiceOptions = {}) {
  return createTrackedAgent<boolean>(<CollectConsent />, {
    ...workflow,
    instructions: 'You are a friendly customer service representative.',
    onResult: async (consent, agent) => {
      if (consent) {
        agent.session.generateReply({ instructions: 'Offer your assistance to the user.' });
        onConsent?.(true);
        return;
      }
      const goodbye = agent.session.generateReply({
        instructions: 'Inform the user that you are unable to proceed and will end the call.',
      });
      await goodbye.waitForPlayout();
      onConsent?.(false);
      agent.session.shutdown({ reason: 'recording consent denied' });
    },
  });
}
