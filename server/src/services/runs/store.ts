import type { ProjectFile } from '@interview-kit/core/collab/project';
import type { HiddenTestsState, InteractiveRunInfo, RunLimits, RunTestView } from '@interview-kit/core/runs';
import { NO_ENCRYPTION, type FieldCipher, type FieldContext } from '../../adapters/crypto/field-cipher.js';
import type { Db } from '../../adapters/db/database.js';
import type { RunResult } from '../../adapters/executor/types.js';

declare module '../../adapters/db/schema.js' {
  interface Database {
    runs: {
      id: string;
      session_id: string;
      participant_id: string;
      language: string;
      code: string;
      /** A project's files (`ProjectFile[]` as JSON text, the entry included), or '' for a single program. */
      files: string;
      stdin: string;
      /** {@link StoredRunResult} as JSON text: hidden tests' inputs and outputs included. */
      result: string;
      idempotency_key: string | null;
      /** SHA-256 of the normalised request, to tell a retry from a different request reusing the key. */
      request_hash: string | null;
      created_at: string;
    };
  }
}

/** A test case's result with everything in it, as stored; `viewOfRun` decides who sees what. */
export type StoredTestResult = Required<Pick<RunTestView, 'stdin' | 'expected' | 'stdout' | 'stderr'>> & RunTestView;

/** What the database keeps of a run, beyond its id, author and time. */
export interface StoredRunResult extends Omit<RunResult, 'compileOutput'> {
  compileOutput?: string;
  limits: RunLimits;
  /** Visible tests' results, then hidden ones' once they are done. */
  tests?: StoredTestResult[];
  /** Position in the session's plan of the question whose tests it ran; absent in runs stored before sessions had several. */
  question?: number;
  /** Present when the run includes hidden tests (which ones: `indices`); runs stored before hidden tests ran apart have none. */
  hidden?: HiddenTestsState & { indices: number[] };
  /** Present on runs of the interactive console (kind `interactive`), transcript included. */
  interactive?: InteractiveRunInfo;
}

/** A stored run. */
export interface StoredRun {
  id: string;
  sessionId: string;
  participantId: string;
  language: string;
  /** The standard input of the main execution. */
  stdin: string;
  createdAt: string;
  result: StoredRunResult;
}

/** A run to store: the run, the program that made it, and how its request can be recognised again. */
export interface NewRun extends StoredRun {
  /** The program, or a project's entry. */
  code: string;
  /** A project's files, the entry included; absent for a single program. */
  files?: readonly ProjectFile[] | undefined;
  idempotencyKey: string | null;
  requestHash: string | null;
}

/** What a run's sealed program, input or result is bound to: its table, column, session and run. */
export const runContext = (column: 'code' | 'files' | 'stdin' | 'result', sessionId: string, runId: string): FieldContext => ({ table: 'runs', column, sessionId, row: runId });

/** A stored run's project files, opened when sealed; `undefined` for a single program. */
export function openRunFiles(cipher: FieldCipher, row: { id: string; session_id: string; files: string }): ProjectFile[] | undefined {
  const text = cipher.openText(row.files, runContext('files', row.session_id, row.id));
  return text ? (JSON.parse(text) as ProjectFile[]) : undefined;
}

/** A stored run's result, opened when it is sealed. */
export function openRunResult(cipher: FieldCipher, row: { id: string; session_id: string; result: string }): StoredRunResult {
  return JSON.parse(cipher.openText(row.result, runContext('result', row.session_id, row.id))) as StoredRunResult;
}

/**
 * The runs table: finished runs with everything in them, hidden tests included. With a key
 * (`cipher`), the program, its input and its result are sealed at rest.
 */
export class RunStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher = NO_ENCRYPTION,
  ) {}

  async insert(run: NewRun): Promise<void> {
    await this.db
      .insertInto('runs')
      .values({
        id: run.id,
        session_id: run.sessionId,
        participant_id: run.participantId,
        language: run.language,
        code: this.cipher.sealText(run.code, runContext('code', run.sessionId, run.id)),
        files: this.cipher.sealText(run.files ? JSON.stringify(run.files) : '', runContext('files', run.sessionId, run.id)),
        stdin: this.cipher.sealText(run.stdin, runContext('stdin', run.sessionId, run.id)),
        result: this.cipher.sealText(JSON.stringify(run.result), runContext('result', run.sessionId, run.id)),
        idempotency_key: run.idempotencyKey,
        request_hash: run.requestHash,
        created_at: run.createdAt,
      })
      .execute();
  }

  /** Replaces a stored run's result (its hidden tests are done). */
  async updateResult(id: string, sessionId: string, result: StoredRunResult): Promise<void> {
    const sealed = this.cipher.sealText(JSON.stringify(result), runContext('result', sessionId, id));
    await this.db.updateTable('runs').set({ result: sealed }).where('id', '=', id).where('session_id', '=', sessionId).execute();
  }

  /** The session's runs, oldest first (at most 1000). */
  async list(sessionId: string): Promise<StoredRun[]> {
    const rows = await this.db
      .selectFrom('runs')
      .select(['id', 'session_id', 'participant_id', 'language', 'stdin', 'created_at', 'result'])
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1000)
      .execute();
    return rows.map((row) => this.storedRun(row));
  }

  /** The run a participant started under an idempotency key, with the hash of its request. */
  async findByKey(sessionId: string, participantId: string, key: string): Promise<{ run: StoredRun; requestHash: string | null } | undefined> {
    const row = await this.db
      .selectFrom('runs')
      .select(['id', 'session_id', 'participant_id', 'language', 'stdin', 'created_at', 'result', 'request_hash'])
      .where('session_id', '=', sessionId)
      .where('participant_id', '=', participantId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row && { run: this.storedRun(row), requestHash: row.request_hash };
  }

  private storedRun(row: { id: string; session_id: string; participant_id: string; language: string; stdin: string; created_at: string; result: string }): StoredRun {
    return {
      id: row.id,
      sessionId: row.session_id,
      participantId: row.participant_id,
      language: row.language,
      stdin: this.cipher.openText(row.stdin, runContext('stdin', row.session_id, row.id)),
      createdAt: row.created_at,
      result: openRunResult(this.cipher, row),
    };
  }
}

