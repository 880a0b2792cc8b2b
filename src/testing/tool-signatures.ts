import { llm, type voice } from '@livekit/agents';

/** `save_email(email, note?)`: a tool's name and argument names as the model sees them, optional ones marked. */
export function toolSignature(tool: llm.FunctionTool<any, any, any>): string {
  let names: string[] = [];
  try {
    const schema = llm.toJsonSchema(tool.parameters) as { properties?: Record<string, unknown>; required?: string[] };
    const required = new Set(schema.required ?? []);
    names = Object.keys(schema.properties ?? {}).map((name) => (required.has(name) ? name : `${name}?`));
  } catch {
    names = ['…'];
  }
  return `${tool.name}(${names.join(', ')})`;
}

/** The signatures of the tools the agent (or task) holding the session offers, or [] if none is known. */
export function toolSignatures(agent: voice.Agent | undefined): string[] {
  if (!agent) return [];
  return Object.values(agent.toolCtx.functionTools).map(toolSignature);
}

/** `save_email({"email":"eve"})`, cut to a readable length. */
export function formatCall(name: string, args: unknown): string {
  const json = typeof args === 'string' ? args : JSON.stringify(args);
  return `${name}(${json.length > 200 ? `${json.slice(0, 200)}…` : json})`;
}
