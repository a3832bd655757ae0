import type { z } from 'zod';
import type * as Q from '../schemas/questions.js';

/** The bank's shapes as the server holds them (schema outputs: defaults filled in). */
export type QuestionContent = z.output<typeof Q.QuestionContent>;
export type CodingQuestion = Extract<QuestionContent, { type: 'coding' }>;
export type QuestionView = z.output<typeof Q.Question>;
export type QuestionSummary = z.output<typeof Q.QuestionSummary>;
export type QuestionPatch = z.output<typeof Q.UpdateQuestionRequest>;
export type QuestionRef = z.output<typeof Q.QuestionRef>;
export type KitContent = z.output<typeof Q.KitContent>;
export type KitSection = KitContent['sections'][number];
export type KitView = z.output<typeof Q.Kit>;
export type KitPatch = z.output<typeof Q.UpdateKitRequest>;
export type QuestionBank = z.output<typeof Q.QuestionBank>;
export type QuestionStats = z.output<typeof Q.QuestionStats>;
