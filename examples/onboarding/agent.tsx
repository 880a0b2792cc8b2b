/** LiveKit worker for the onboarding example: `npm run agent -- dev --example onboarding`, or run this file directly. */
import { exampleWorker, isMain, runWorker } from '../shared/worker.js';
import { onboarding } from './example.js';

export default exampleWorker(onboarding);

if (isMain(import.meta.url)) runWorker(import.meta.url);
