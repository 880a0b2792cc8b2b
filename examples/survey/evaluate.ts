import { llm } from '@livekit/agents';

export const EVALUATION_PROMPT =
  'You are a hiring manager. Evaluate the candidate from this summary of their screening interview. ' +
  'Answer in two sentences: a recommendation (advance or reject) and the main reason.';

/**
 * Asks the model for a post-interview evaluation, outside the conversation: nothing is spoken,
 * the text goes to the CSV row.
 */
export async function evaluateCandidate(model: llm.LLM, summary: string): Promise<string> {
  const chatCtx = new llm.ChatContext();
  chatCtx.addMessage({ role: 'system', content: EVALUATION_PROMPT });
  chatCtx.addMessage({ role: 'user', content: `Interview summary:\n${summary}` });
  let text = '';
  for await (const chunk of model.chat({ chatCtx })) text += chunk.delta?.content ?? '';
  return text.trim();
}
