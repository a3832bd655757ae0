import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * @typedef {{ id: string, name: string, role: 'interviewer' | 'candidate' | 'observer' }} StoredParticipant
 * @typedef {{ id: string, title: string, language: string, createdAt: string, participants: StoredParticipant[] }} StoredSession
 */

/**
 * The portal's own list of interviews: kept in memory and mirrored to a small JSON file so a
 * restart keeps it. Participant tokens are deliberately not stored; they are short-lived and
 * fetched fresh whenever a participant opens their page.
 *
 * @param {string} file path of the JSON file (created on first write)
 */
export async function openSessionStore(file) {
  /** @type {StoredSession[]} */
  let sessions = [];
  try {
    sessions = JSON.parse(await readFile(file, 'utf8')).sessions ?? [];
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }

  // Writes are chained so two quick creations cannot interleave and lose one.
  let writing = Promise.resolve();
  const persist = () => {
    writing = writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ sessions }, null, 2));
      await rename(temporary, file);
    });
    return writing;
  };

  return {
    /** Newest first. */
    list: () => [...sessions].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    /** @param {string} id */
    get: (id) => sessions.find((session) => session.id === id),
    /** @param {StoredSession} session */
    async add(session) {
      sessions.push(session);
      await persist();
    },
  };
}
