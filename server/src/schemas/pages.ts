import { z } from 'zod';

/** The query fields and answer field of lists read one page at a time. */
export const limit = z.coerce.number().int().min(1).max(100).default(20).describe('Page size, at most 100');
export const cursor = z.string().max(500).optional().describe('nextCursor of the previous page');
export const nextCursor = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last');
