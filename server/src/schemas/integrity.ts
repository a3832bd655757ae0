import { z } from 'zod';
import { INTEGRITY_DISCLOSURE_VERSION, SIGNAL_BATCH_MAX } from '@interview-kit/core/integrity';

const chars = z.int().min(1).max(10_000_000).describe('How many characters; never the text');

/** One signal as the candidate's browser reports it; the server stamps the time. */
export const ClientSignal = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('paste'), chars, fromOutside: z.boolean().describe("Whether the text was not the editor's own recent copy") }),
    z.strictObject({ kind: z.literal('large-insert'), chars }),
    z.strictObject({ kind: z.literal('focus-lost'), ms: z.int().min(1).max(86_400_000).describe('How long the window was without focus') }),
  ])
  .meta({ id: 'ClientSignal' });

export const SignalBatch = z
  .strictObject({ signals: z.array(ClientSignal).min(1).max(SIGNAL_BATCH_MAX) })
  .meta({ id: 'SignalBatch', description: `At most ${SIGNAL_BATCH_MAX} signals` });

export const IntegritySignal = z
  .object({
    id: z.string(),
    participantId: z.string(),
    kind: z.enum(['paste', 'large-insert', 'focus-lost', 'second-connection']),
    chars: z.int().optional(),
    fromOutside: z.boolean().optional(),
    ms: z.int().optional(),
    at: z.iso.datetime().describe("The server's time"),
  })
  .meta({ id: 'IntegritySignal', description: 'A signal, not a verdict' });

export const IntegrityConsent = z
  .object({ participantId: z.string(), textVersion: z.int(), consentedAt: z.iso.datetime() })
  .meta({ id: 'IntegrityConsent' });

export const IntegritySignals = z
  .object({ integrity: z.enum(['off', 'record']), consents: z.array(IntegrityConsent), signals: z.array(IntegritySignal) })
  .meta({ id: 'IntegritySignals' });

export const ConsentRequest = z
  .strictObject({ textVersion: z.literal(INTEGRITY_DISCLOSURE_VERSION).describe('The version of the disclosure text the candidate was shown') })
  .meta({ id: 'ConsentRequest' });

export const ConsentState = z
  .object({ integrity: z.enum(['off', 'record']), consent: IntegrityConsent.nullable() })
  .meta({ id: 'ConsentState' });

export const RecordedSignals = z.object({ recorded: z.int() }).meta({ id: 'RecordedSignals' });
