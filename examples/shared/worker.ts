import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type JobContext, WorkerOptions, cli, defineAgent, type voice } from '@livekit/agents';
import { workerInspector } from '../cli/inspect.js';
import { missingCredentials, missingCredentialsMessage } from '../cli/worker-args.js';
import { callCheckpoint, workerCheckpointStore } from './checkpoints.js';
import type { Example } from './example.js';
import { type SessionModels, createExampleSession } from './session.js';

/**
 * The models a deployed worker talks with: LiveKit Inference (billed to the LiveKit project of
 * LIVEKIT_API_KEY, no other keys needed). Override any of them with STT_MODEL, LLM_MODEL, TTS_MODEL.
 */
export function deployedModels(env: NodeJS.ProcessEnv = process.env): SessionModels {
  return {
    stt: (env.STT_MODEL ?? 'deepgram/nova-3') as SessionModels['stt'],
    llm: (env.LLM_MODEL ?? 'openai/gpt-4.1-mini') as SessionModels['llm'],
    tts: (env.TTS_MODEL ?? 'cartesia/sonic-3') as SessionModels['tts'],
  };
}

export interface ExampleWorkerOptions {
  /**
   * Key each call on its caller and keep checkpoints (see checkpoints.ts), so that a caller whose
   * line dropped resumes where they were when they call back, on any worker.
   */
  resume?: boolean;
}

/**
 * A LiveKit agent definition that runs `example` in the room of each job it is dispatched.
 * The survey appends to SURVEY_CSV when set (on a server, point it at a mounted volume); with
 * INSPECT_PORT set, every call shows in the inspector (see workerInspector).
 */
export function exampleWorker(example: Example, { resume = false }: ExampleWorkerOptions = {}) {
  return defineAgent({
    entry: async (ctx: JobContext) => {
      await ctx.connect();
      const inspector = await workerInspector();
      let session: voice.AgentSession<object> | undefined;
      // Another worker resumed this call (the caller called back before this job saw the drop): this copy hangs up.
      const outdated = () => session?.shutdown({ reason: 'the call resumed on another worker' });
      const checkpoint = resume
        ? callCheckpoint(await workerCheckpointStore(), { participant: await ctx.waitForParticipant(), room: ctx.room }, example.name, outdated)
        : undefined;
      const created = createExampleSession(example, deployedModels(), { csvPath: process.env.SURVEY_CSV, onEvent: inspector?.onEvent, checkpoint });
      session = created.session;
      const { run } = created;
      inspector?.attach(session, { title: `${example.name} · room ${ctx.room.name ?? ''}` });
      await session.start({ agent: run.agent, room: ctx.room });
    },
  });
}

/** True when the module at `moduleUrl` is the script node was started with (not an import). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Hands the process to LiveKit's CLI (`dev`, `start`, `connect`), serving the agent file at
 * `agentUrl`. Without the project's keys it stops with one line saying so, instead of LiveKit's
 * stack trace.
 */
export function runWorker(agentUrl: string): void {
  const missing = missingCredentials(process.argv.slice(2), process.env);
  if (missing.length > 0) {
    console.error(missingCredentialsMessage(missing));
    process.exit(2);
  }
  cli.runApp(new WorkerOptions({ agent: fileURLToPath(agentUrl) }));
}
