/**
 * A CPU profile of one flavor's survey conversations at steady state: `warmup` unprofiled
 * conversations first (the JIT settles; see sizes.ts), then `conversations` profiled ones.
 *   NODE_ENV=production node --import tsx --conditions=source bench/profile.tsx jsx 300 300 /tmp/prof
 *   npx tsx bench/profile-summary.ts /tmp/prof/jsx.cpuprofile
 * (warmup 0 profiles a cold process.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { initializeLogger } from '@livekit/agents';
import { type Flavor, converse } from './conversation.js';
import { surveyWorkload } from './workloads.js';

initializeLogger({ pretty: false, level: 'error' });
const flavor = (process.argv[2] ?? 'jsx') as Flavor;
const conversations = Number(process.argv[3] ?? 300);
const warmup = Number(process.argv[4] ?? 300);
const dir = process.argv[5] ?? '/tmp/prof';
const work = surveyWorkload();
for (let i = 0; i < warmup; i++) await converse(flavor, work, { close: 'now' });

const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
await inspector.post('Profiler.start');
const before = process.cpuUsage();
for (let i = 0; i < conversations; i++) await converse(flavor, work, { close: 'now' });
const used = process.cpuUsage(before);
const { profile } = await inspector.post('Profiler.stop');
mkdirSync(dir, { recursive: true });
const file = `${dir}/${flavor}.cpuprofile`;
writeFileSync(file, JSON.stringify(profile));
console.log(`${flavor}: ${((used.user + used.system) / 1000 / conversations).toFixed(1)} ms CPU per conversation while profiled; wrote ${file}`);
// LiveKit leaves timers behind.
process.exit(0);
