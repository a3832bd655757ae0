/**
 * The question editor's values and the bank's question shape (docs/question-bank.md), both ways,
 * with no DOM: which form field a server error path names, too.
 *
 * @typedef {{ language: string, starter: string, solution: string }} LanguageRow
 * @typedef {{ stdin: string, expected: string, hidden: boolean }} TestRow
 * @typedef {{
 *   type: 'coding' | 'structured', slug: string, title: string, prompt: string, difficulty: string,
 *   tags: string, estimatedMinutes: string, guide: string,
 *   languages: LanguageRow[], tests: TestRow[],
 *   competency: string, probes: string, positiveIndicators: string, negativeIndicators: string, anchors: string[],
 * }} QuestionValues what the editor's fields hold
 */

/** Non-empty lines, trimmed. @param {string} text */
const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** A slug made from a title: "Two Sum (hash map)" → "two-sum-hash-map". @param {string} title */
export function slugOf(title) {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/**
 * The question as the bank takes it. A number field left empty is sent as null, so the server
 * names it; a language row without a language is left out.
 * @param {QuestionValues} values
 */
export function toQuestionContent(values) {
  const common = {
    slug: values.slug.trim(),
    type: values.type,
    title: values.title,
    prompt: values.prompt,
    difficulty: values.difficulty,
    tags: values.tags.split(',').map((tag) => tag.trim()).filter(Boolean),
    estimatedMinutes: values.estimatedMinutes.trim() === '' ? null : Number(values.estimatedMinutes),
  };
  if (values.type === 'structured') {
    return {
      ...common,
      ...(values.guide.trim() ? { guide: values.guide } : {}),
      competency: values.competency,
      probes: lines(values.probes),
      positiveIndicators: lines(values.positiveIndicators),
      negativeIndicators: lines(values.negativeIndicators),
      anchors: values.anchors,
    };
  }
  const rows = values.languages.filter((row) => row.language);
  return {
    ...common,
    guide: values.guide,
    starterCode: Object.fromEntries(rows.map((row) => [row.language, row.starter])),
    solutions: Object.fromEntries(rows.filter((row) => row.solution.trim()).map((row) => [row.language, row.solution])),
    // A row left completely empty is an unused "add test" click.
    tests: values.tests.filter((test) => test.stdin !== '' || test.expected !== ''),
  };
}

/**
 * The changes `PATCH /v1/questions/:id` takes for these values: everything but the slug and the type.
 * @param {QuestionValues} values
 */
export function toQuestionChanges(values) {
  const { slug: _slug, type: _type, ...changes } = toQuestionContent(values);
  return changes;
}

/**
 * The editor's values for a question of the bank.
 * @param {Record<string, any>} question
 * @returns {QuestionValues}
 */
export function toQuestionValues(question) {
  const starterCode = question.starterCode ?? {};
  const solutions = question.solutions ?? {};
  const languages = [...new Set([...Object.keys(starterCode), ...Object.keys(solutions)])];
  return {
    type: question.type,
    slug: question.slug ?? '',
    title: question.title ?? '',
    prompt: question.prompt ?? '',
    difficulty: question.difficulty ?? 'medium',
    tags: (question.tags ?? []).join(', '),
    estimatedMinutes: question.estimatedMinutes === undefined ? '' : String(question.estimatedMinutes),
    guide: question.guide ?? '',
    languages: languages.map((language) => ({ language, starter: starterCode[language] ?? '', solution: solutions[language] ?? '' })),
    tests: (question.tests ?? []).map((/** @type {any} */ test) => ({ stdin: test.stdin ?? '', expected: test.expected, hidden: test.hidden === true })),
    competency: question.competency ?? '',
    probes: (question.probes ?? []).join('\n'),
    positiveIndicators: (question.positiveIndicators ?? []).join('\n'),
    negativeIndicators: (question.negativeIndicators ?? []).join('\n'),
    anchors: question.anchors ?? ['', '', '', ''],
  };
}

/**
 * Where the editor shows an error the bank reported at `path`: a field by id, the nth row of a
 * list (`tests.0.expected`: test 1's expected output), the row of a language
 * (`solutions.java`: the Java row's reference solution), or the nth anchor.
 * @param {string} path
 * @returns {{ field: string } | { list: 'tests', index?: number, part?: string } | { list: 'languages', language?: string, part: string } | { anchor: number }}
 */
export function fieldOfPath(path) {
  const [name = '', key, part] = path.split('.');
  if (name === 'tests') return { list: 'tests', ...(key === undefined ? {} : { index: Number(key) }), ...(part ? { part } : {}) };
  if (name === 'starterCode' || name === 'solutions') {
    return { list: 'languages', ...(key === undefined ? {} : { language: key }), part: name === 'starterCode' ? 'starter' : 'solution' };
  }
  if (name === 'anchors' && key !== undefined) return { anchor: Number(key) };
  return { field: name };
}
