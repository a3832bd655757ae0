import { fileURLToPath } from 'node:url';
import { pageLimit, sendProblem, sendUpstreamError } from './problems.js';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** Questions or kits per page, unless the page asks for another number (1 to 100). */
const DEFAULT_PAGE_SIZE = 20;

/** The searches `GET /v1/questions` knows; the portal passes on only these, and only when given. */
const QUESTION_FILTERS = ['text', 'tag', 'difficulty', 'language', 'type', 'status'];

/**
 * The question bank's pages and the JSON API behind them: search the bank, write and edit
 * questions, publish them (the server runs their reference solutions first), archive them,
 * import the server's starter bank, and build interview kits. Each endpoint is a thin pass-through
 * to the Interview Kit server with the API key; the server validates, and its problems (field
 * errors, a failing reference solution) reach the page in its own words.
 *
 * @param {import('express').Express} app
 * @param {{ interviewKit: ReturnType<typeof import('./interview-kit-client.js').createInterviewKitClient> }} deps
 */
export function registerQuestionBankRoutes(app, { interviewKit }) {
  /**
   * Runs `answer`, sending its result as JSON (with `status`), or the server's problem.
   * @param {import('express').Response} res
   * @param {() => Promise<unknown>} answer
   * @param {number} [status]
   */
  async function pass(res, answer, status = 200) {
    try {
      res.status(status).json(await answer());
    } catch (error) {
      sendUpstreamError(res, error);
    }
  }

  /** The query's `limit` and `cursor`, or a 400 sent. @param {import('express').Request} req @param {import('express').Response} res */
  function page(req, res) {
    const limit = pageLimit(req.query.limit, DEFAULT_PAGE_SIZE);
    if (limit === undefined) {
      sendProblem(res, 400, { title: 'Bad Request', detail: 'limit: a whole number from 1 to 100.' });
      return undefined;
    }
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor !== '' ? req.query.cursor : undefined;
    return { limit, ...(cursor === undefined ? {} : { cursor }) };
  }

  app.get('/api/questions', (req, res) => {
    const paging = page(req, res);
    if (!paging) return;
    /** @type {Record<string, string>} */
    const filters = {};
    for (const name of QUESTION_FILTERS) {
      const value = req.query[name];
      if (typeof value === 'string' && value.trim() !== '') filters[name] = value.trim();
    }
    return pass(res, () => interviewKit.listQuestions({ ...filters, ...paging }));
  });

  // The built-in starter bank, as published questions; the ones the bank has already are kept.
  app.post('/api/questions/starter-bank', (_req, res) =>
    pass(res, async () => {
      const result = await interviewKit.importStarterBank();
      return { imported: result.questions.length, skipped: result.skipped.length };
    }),
  );

  app.post('/api/questions', (req, res) => pass(res, async () => ({ question: await interviewKit.createQuestion(req.body ?? {}) }), 201));
  app.get('/api/questions/:id', (req, res) => pass(res, async () => ({ question: await interviewKit.getQuestion(req.params.id) })));
  // A published question's change, like publishing, answers once its reference solutions have run.
  app.patch('/api/questions/:id', (req, res) => pass(res, async () => ({ question: await interviewKit.updateQuestion(req.params.id, req.body ?? {}) })));
  app.post('/api/questions/:id/publish', (req, res) => pass(res, async () => ({ question: await interviewKit.publishQuestion(req.params.id) })));
  app.post('/api/questions/:id/archive', (req, res) => pass(res, async () => ({ question: await interviewKit.archiveQuestion(req.params.id) })));

  app.get('/api/kits', (req, res) => {
    const paging = page(req, res);
    if (paging) return pass(res, () => interviewKit.listKits(paging));
  });
  app.get('/api/kits/:id', (req, res) => pass(res, async () => ({ kit: await interviewKit.getKit(req.params.id) })));
  app.post('/api/kits', (req, res) => pass(res, async () => ({ kit: await interviewKit.createKit(req.body ?? {}) }), 201));

  app.get('/questions', (_req, res) => res.sendFile('questions.html', { root: publicDir }));
  app.get(['/questions/new', '/questions/:id'], (_req, res) => res.sendFile('question.html', { root: publicDir }));
  app.get('/kits', (_req, res) => res.sendFile('kits.html', { root: publicDir }));
}
