/**
 * Runs one flavor's survey conversations back to back, for a CPU profile:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.tsx jsx 300
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile
 */
import { initializeLogger } from '@livekit/agents';
import { type Flavor, converse } from './conversation.js';
import { surveyWorkload } from './workloads.js';

initializeLogger({ pretty: false, level: 'error' });
const flavor = (process.argv[2] ?? 'jsx') as Flavor;
const conversations = Number(process.argv[3] ?? 200);
const work = surveyWorkload();
const closing: Promise<void>[] = [];
for (let i = 0; i < conversations; i++) await converse(flavor, work, { close: 'background', closing });
await Promise.all(closing);
// --cpu-prof writes the profile on a normal exit.
process.exit(0);
