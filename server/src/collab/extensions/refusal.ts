/**
 * A refusal of a Hocuspocus hook. Deliberately not an `Error`: Hocuspocus prints every thrown
 * value that has a `message` to the console, and refusals are routine, not faults. `reason` is
 * what the client's `onAuthenticationFailed` receives.
 */
export class Refusal {
  constructor(readonly reason: string) {}
}
