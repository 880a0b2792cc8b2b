/** LiveKit worker for the beyond example: `npm run agent -- dev --example beyond`, or run this file directly. */
import { exampleWorker, isMain, runWorker } from '../shared/worker.js';
import { beyond } from './example.js';

export default exampleWorker(beyond);

if (isMain(import.meta.url)) runWorker(import.meta.url);
