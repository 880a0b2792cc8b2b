/** LiveKit worker for the consent example: `npm run agent -- dev --example consent`, or run this file directly. */
import { exampleWorker, isMain, runWorker } from '../shared/worker.js';
import { consent } from './example.js';

export default exampleWorker(consent);

if (isMain(import.meta.url)) runWorker(import.meta.url);
