/**
 * A realistic checkpoint: the survey interview of the main benchmark, stopped in the behavioral
 * step after four answers and a correction, with a summary and the last twelve turns (~5 KB).
 * Shared by the checkpoint bench and the store tests.
 */
import { createCheckpoint, type CheckpointDocument } from '../src/durable/index.js';

export function interviewCheckpoint(savedAt = 1_767_225_600_000): CheckpointDocument {
  const turns = Array.from({ length: 30 }, (_, index) => ({
    role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
    text:
      index % 2 === 0
        ? `Answer ${index / 2}: I have spent most of my career on compilers and runtimes, and I enjoy small teams that review each other's work carefully.`
        : `Thank you. That is helpful. Next question ${index}: could you tell me a little more about how you prefer to work with other people on your team?`,
  }));
  return createCheckpoint(
    {
      workflowVersion: '3',
      completed: [
        { path: 'intro', result: { name: 'Ada Lovelace', intro: 'compiler engineer with eight years at two database companies' } },
        { path: 'email', result: { email: 'ada.l@example.com' } },
        { path: 'commute', result: { canCommute: true, commuteMethod: 'bike' } },
        { path: 'experience', result: { years: 8, summary: 'compilers and runtimes; led a team of four on a query engine rewrite' } },
        { path: 'behavioral/strengths', result: { strengths: 'patience, careful reviews' } },
        { path: 'salary', result: { expected: 123_000, currency: 'EUR' }, sensitive: true },
      ],
      inProgress: { path: 'behavioral/weaknesses', sensitive: false },
      groups: {
        '': { visited: ['intro', 'email', 'commute', 'experience', 'salary', 'behavioral'], goBackTargets: ['intro', 'email', 'commute', 'experience', 'salary'] },
        behavioral: { visited: ['strengths', 'weaknesses'], goBackTargets: ['strengths'] },
      },
      userData: { candidateId: 'c-7f3a9', source: 'phone', locale: 'en-GB', attempts: { email: 2 } },
      summary:
        'The candidate, Ada Lovelace, is a compiler engineer with eight years of experience. She gave her email, corrected it once, can commute by bike, and described her strengths as patience and careful reviews.',
      turns,
    },
    { now: () => savedAt },
  );
}
