/**
 * Runs one heap job (see jobs.ts) in a fresh process forked by jobs.ts, so the figure starts
 * from a clean heap, and sends the numbers back over IPC.
 */
import { initializeLogger } from '@livekit/agents';
import { type Job, runJob } from './jobs.js';

initializeLogger({ pretty: false, level: 'error' });
const result = await runJob(JSON.parse(process.argv[2]!) as Job);
process.send!(result, () => process.exit(0));
