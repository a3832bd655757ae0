import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldErrors } from '../schemas/field-errors.js';
import { QuestionContent as QuestionContentSchema } from '../schemas/questions.js';
import type { QuestionContent } from './types.js';

/** Where the built-in starter bank lives: `coding/<slug>.json` and `structured/<slug>.json`. */
export const STARTER_BANK_DIR = fileURLToPath(new URL('./starter-bank/', import.meta.url));

const FOLDERS = ['coding', 'structured'] as const;

/**
 * Reads the built-in starter bank: every `<slug>.json` of its `coding/` and `structured/` folders,
 * in name order, each one question in the bank's shape whose slug is its file name. A missing or
 * empty folder gives no questions.
 * @throws {Error} naming the file, for a file that is not a valid question.
 */
export async function loadStarterBank(dir: string = STARTER_BANK_DIR): Promise<QuestionContent[]> {
  const questions: QuestionContent[] = [];
  for (const folder of FOLDERS) {
    const names = await readdir(join(dir, folder)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const file = join(dir, folder, name);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new Error(`starter bank ${folder}/${name} is not JSON: ${(error as Error).message}`);
      }
      const parsed = QuestionContentSchema.safeParse(json);
      if (!parsed.success) {
        const [first] = fieldErrors(parsed.error);
        throw new Error(`starter bank ${folder}/${name} is not a valid question: ${first!.path}: ${first!.message}`);
      }
      const question = parsed.data;
      if (question.type !== folder) {
        throw new Error(`starter bank ${folder}/${name} is a ${question.type} question in the ${folder} folder`);
      }
      if (`${question.slug}.json` !== name) throw new Error(`starter bank ${folder}/${name} has slug "${question.slug}"; name the file after it`);
      questions.push(question);
    }
  }
  return questions;
}
