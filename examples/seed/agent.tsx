/** LiveKit worker for the seed snippets: `npm run agent -- dev --example seed`, or run this file directly. */
import { exampleWorker, isMain, runWorker } from '../shared/worker.js';
import { seed } from './example.js';

export default exampleWorker(seed);

if (isMain(import.meta.url)) runWorker(import.meta.url);
