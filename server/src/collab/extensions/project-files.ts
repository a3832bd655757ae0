import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { projectFilesRefusal } from '../project-file-limits.js';
import { frameOf } from '../sync-frames.js';
import { dropMessage, refuseMessage, socketRefused } from './refusal.js';

/**
 * The project files of a shared document (a question's `files` map) stay within the quota: a
 * client update that adds a file whose path the project rules refuse, or that would make a
 * project hold more than `DOC_MAX_FILES` files (its entry included), is refused before it is
 * applied, acknowledged, stored or relayed, and the client's socket is closed with the reason,
 * like every other quota refusal. The server's own writes (the starter files) do not pass here.
 */
export class ProjectFileLimits implements Extension {
  /** Before `Persistence`, which stores what passes. */
  priority = 200;

  constructor(private readonly maxFiles: number) {}

  async beforeHandleMessage({ connection, update: data, document }: beforeHandleMessagePayload): Promise<void> {
    const { decoded } = frameOf(data);
    if (!decoded) return;
    if (socketRefused(connection)) return dropMessage();
    if (connection.readOnly) return;
    const refusal = projectFilesRefusal(document, decoded, this.maxFiles);
    if (refusal !== undefined) return refuseMessage(connection, refusal);
  }
}
