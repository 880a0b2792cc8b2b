/** LiveKit worker for the survey example: `npm run agent -- dev --example survey`, or run this file directly. */
import { exampleWorker, isMain, runWorker } from '../shared/worker.js';
import { survey } from './example.js';

export default exampleWorker(survey);

if (isMain(import.meta.url)) runWorker(import.meta.url);
