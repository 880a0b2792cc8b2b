/**
 * What the inspector's server sends its page: shared by both sides, so no Node imports here
 * (the page bundle includes this file).
 */
import type { WorkflowSnapshot } from './source.js';

/** Shown instead of a value said or collected while a sensitive step held the session. */
export const MASK = '••••••';

/** One line of a conversation, in the order it happened. */
export type TranscriptEntry =
  | { kind: 'message'; role: 'user' | 'assistant'; text: string; masked: boolean }
  | { kind: 'tool'; name: string; args: string; output: string; isError: boolean; masked: boolean }
  | { kind: 'entered'; path: string; sensitive: boolean }
  | { kind: 'wentBack'; from: string; targets: string[] }
  | { kind: 'error'; message: string }
  | { kind: 'closed'; reason: string };

/** One workflow a conversation ran (an agent may run several, one after another). */
export interface WorkflowView {
  /** Numbered from 1 within the conversation. */
  number: number;
  snapshot: WorkflowSnapshot;
}

/** A conversation without its transcript: what changes as a whole. */
export interface ConversationSummary {
  id: string;
  title: string;
  status: 'running' | 'finished';
  workflows: WorkflowView[];
}

export interface ConversationView extends ConversationSummary {
  transcript: TranscriptEntry[];
}

/** Server → page, in frames of one or more. The page applies them in order (see page/feed-reducer.ts). */
export type ServerMessage =
  /** Everything, on connect. */
  | { type: 'hello'; conversations: ConversationView[] }
  /** A conversation appeared or its tree/status changed. */
  | { type: 'conversation'; conversation: ConversationSummary }
  /** Entries appended to a transcript; `from` is the index of the first. */
  | { type: 'transcript'; id: string; from: number; entries: TranscriptEntry[] }
  /** A finished conversation no longer kept. */
  | { type: 'removed'; id: string };
