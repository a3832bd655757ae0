import type { FieldCipher } from '../adapters/crypto/field-cipher.js';
import type { Db } from '../adapters/db/database.js';
import { KitService } from './kits.js';
import { QuestionService } from './service.js';
import { SessionPlanner } from './session-plan.js';
import { SessionQuestions } from './session-questions.js';
import type { SessionService } from '../services/sessions.js';
import { SolutionChecker, type SolutionCheckDeps } from './solution-check.js';
import { QuestionStatsService } from './stats.js';
import { BankStore } from './store.js';
import { BankTransfer } from './transfer.js';

export { loadStarterBank, STARTER_BANK_DIR } from './starter-bank.js';
export { QuestionService } from './service.js';
export { KitService } from './kits.js';

/** The question bank's services: questions, kits, sessions made from them and their questions, export and import, statistics. */
export interface QuestionBank {
  questions: QuestionService;
  kits: KitService;
  planner: SessionPlanner;
  /** Sessions' plans of questions, and moving a session to another question. */
  sessionQuestions: SessionQuestions;
  transfer: BankTransfer;
  stats: QuestionStatsService;
}

/** Builds the question bank over the database and the sandbox (through the shared run queue). */
export function createQuestionBank(db: Db, sandbox: SolutionCheckDeps, sessions: SessionService, now: () => Date, cipher?: FieldCipher): QuestionBank {
  const store = new BankStore(db);
  return {
    questions: new QuestionService(store, new SolutionChecker(sandbox), now),
    kits: new KitService(store, now),
    planner: new SessionPlanner(store),
    sessionQuestions: new SessionQuestions(db, store, sessions, now),
    transfer: new BankTransfer(store, now),
    stats: new QuestionStatsService(db, store, cipher),
  };
}
