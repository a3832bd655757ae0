/** Who someone present is, as far as announcing them goes. */
export interface PresentUser {
  id: string;
  name: string;
}

export interface PresenceChangesOptions {
  /** The local participant: never announced. */
  selfId: () => string | undefined;
  /** Someone else arrived (not a quick reconnect). */
  onJoin: (user: PresentUser) => void;
  /** Someone else left and did not come back within {@link graceMs}. */
  onLeave: (user: PresentUser) => void;
  /** How long someone may be away before the leave is announced (default 4 000 ms): reconnects stay quiet. */
  graceMs?: number;
}

/**
 * Turns the changing list of who is present into join and leave announcements. The first list is
 * who was already there (not announced); a participant who drops and reconnects within the grace
 * period is announced neither as leaving nor as joining.
 */
export class PresenceChanges {
  #known: Map<string, PresentUser> | undefined;
  readonly #leaving = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #options: PresenceChangesOptions;

  constructor(options: PresenceChangesOptions) {
    this.#options = options;
  }

  /** Takes the current list of who is present. */
  update(users: readonly PresentUser[]): void {
    const self = this.#options.selfId();
    const now = new Map(users.filter((user) => user.id !== self).map((user) => [user.id, user]));
    const before = this.#known;
    this.#known = now;
    if (!before) return;
    for (const [id, user] of now) {
      if (before.has(id)) continue;
      const pending = this.#leaving.get(id);
      if (pending) {
        clearTimeout(pending);
        this.#leaving.delete(id);
      } else {
        this.#options.onJoin(user);
      }
    }
    for (const [id, user] of before) {
      if (now.has(id) || this.#leaving.has(id)) continue;
      this.#leaving.set(
        id,
        setTimeout(() => {
          this.#leaving.delete(id);
          this.#options.onLeave(user);
        }, this.#options.graceMs ?? 4_000),
      );
    }
  }

  /** Forgets everything (the room closed); pending leaves are not announced. */
  reset(): void {
    for (const timer of this.#leaving.values()) clearTimeout(timer);
    this.#leaving.clear();
    this.#known = undefined;
  }
}
