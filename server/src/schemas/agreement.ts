/**
 * Type-level check that the HTTP schemas (what the server validates and documents in OpenAPI) and
 * core's protocol types (what browsers and host backends compile against) describe the same
 * shapes. Nothing here runs: `npm test`'s typecheck fails when the two drift apart, naming the
 * pair below.
 */
import type { z } from 'zod';
import type * as P from '@interview-kit/core/protocol';
import type * as Rb from '@interview-kit/core/rubric';
import type * as Rn from '@interview-kit/core/runs';
import type * as S from './common.js';
import type * as F from './feedback.js';
import type * as R from './runs.js';

/** `true` when each type is assignable to the other. */
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The shape a response schema documents (defaults filled in), against core's type. */
type Response<Schema extends z.ZodType, Core> = Agree<z.output<Schema>, Core>;
/** What the server accepts for a request schema, against what core's client sends. */
type Accepts<Schema extends z.ZodType, Core> = [Core] extends [z.input<Schema>] ? true : false;

type Checks = {
  createSessionRequest: Accepts<typeof S.CreateSessionRequest, P.CreateSessionRequest>;
  createSessionResponse: Response<typeof S.CreateSessionResponse, P.CreateSessionResponse>;
  sessionView: Response<typeof S.SessionView, P.SessionView>;
  issueTokenRequest: Accepts<typeof S.IssueTokenRequest, P.IssueTokenRequest>;
  issuedToken: Response<typeof S.IssuedToken, P.IssuedToken>;
  liveKitToken: Response<typeof S.LiveKitTokenResponse, P.LiveKitTokenResponse>;
  problem: Response<typeof S.Problem, P.Problem>;
  runRequest: Accepts<typeof R.CreateRunRequest, Rn.RunRequest>;
  runView: Response<typeof R.RunResult, Rn.RunView>;
  runList: Response<typeof R.RunList, Rn.RunList>;
  languages: Response<typeof R.LanguagesResponse, Rn.LanguagesResponse>;
  runStreamEvent: Response<typeof R.RunStreamEvent, Rn.RunStreamEvent>;
  feedbackContent: Accepts<typeof F.FeedbackContent, Rb.FeedbackContent>;
  feedback: Response<typeof F.Feedback, Rb.Feedback>;
  ownFeedback: Response<typeof F.OwnFeedback, Rb.OwnFeedback>;
  scorecard: Response<typeof F.Scorecard, Rb.Scorecard>;
  rubric: Response<typeof F.PinnedRubric, Rb.Rubric>;
  rubricChoice: Accepts<typeof F.RubricChoice, Rb.RubricChoice>;
};

/** Each failing pair shows up here as "Type 'false' is not assignable to type 'true'". */
export const schemasAgreeWithProtocol: { [K in keyof Checks]: Checks[K] } = {
  createSessionRequest: true,
  createSessionResponse: true,
  sessionView: true,
  issueTokenRequest: true,
  issuedToken: true,
  liveKitToken: true,
  problem: true,
  runRequest: true,
  runView: true,
  runList: true,
  languages: true,
  runStreamEvent: true,
  feedbackContent: true,
  feedback: true,
  ownFeedback: true,
  scorecard: true,
  rubric: true,
  rubricChoice: true,
};
