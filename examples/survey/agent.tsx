/**
 * LiveKit worker for the survey example: `npm run agent -- dev --example survey`, or run this file
 * directly. Calls are keyed on the caller, so a dropped call resumes when they call back.
 */
import { exampleWorker, isMain, runWorker } from '../shared/worker.js';
import { survey } from './example.js';

export default exampleWorker(survey, { resume: true });

if (isMain(import.meta.url)) runWorker(import.meta.url);
