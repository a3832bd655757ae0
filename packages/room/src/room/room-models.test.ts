import { expect } from '@esm-bundle/chai';
import type { SessionView } from '@interview-kit/core';
import { contrastRatio, formatsFor, readableTextOn } from '@interview-kit/core';
import { initialsOf, timerText } from './header.js';
import { canReplay, pick, sectionsFor, tabAfterKey, toolsFor } from './layout.js';
import { examplesOf } from './question-pane.js';
import { currentQuestionOf, guideOf, switcherOf } from './question-plan.js';
import { ROOM_STRINGS_EN } from './room.strings.js';
import { splitAfterKey, splitAtPointer } from './split.js';
import { PresenceChanges, type PresentUser } from './presence-changes.js';
import { TimeWarnings } from './time-warnings.js';
import { ToastQueue } from './toasts.js';

const remaining = (minutes: number) => ({ kind: 'remaining' as const, ms: minutes * 60_000, totalMs: 45 * 60_000 });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TimeWarnings', () => {
  it('warns once at 5 and once at 1 minute left', () => {
    const warnings = new TimeWarnings();
    const said = [10, 6, 5, 4.9, 3, 1.01, 1, 0.5, 0].map((minutes) => warnings.check(remaining(minutes)));
    expect(said).to.deep.equal([undefined, undefined, 5, undefined, undefined, undefined, 1, undefined, undefined]);
  });

  it('warns again after added time lifts the remaining time over a threshold', () => {
    const warnings = new TimeWarnings();
    expect(warnings.check(remaining(4))).to.equal(5);
    expect(warnings.check(remaining(9))).to.equal(undefined);
    expect(warnings.check(remaining(5))).to.equal(5);
  });

  it('says only the smallest threshold when the room opens late, and nothing when not counting down', () => {
    const warnings = new TimeWarnings();
    expect(warnings.check({ kind: 'scheduled' })).to.equal(undefined);
    expect(warnings.check({ kind: 'elapsed', ms: 1 })).to.equal(undefined);
    expect(warnings.check(remaining(0.5))).to.equal(1);
    expect(warnings.check(remaining(0.4))).to.equal(undefined);
    expect(warnings.check({ kind: 'overtime', ms: 1 })).to.equal(undefined);
  });
});

describe('PresenceChanges', () => {
  const ivy: PresentUser = { id: 'ivy', name: 'Ivy' };
  const cam: PresentUser = { id: 'cam', name: 'Cam' };
  const oli: PresentUser = { id: 'oli', name: 'Oli' };

  function announcer(graceMs = 30) {
    const said: string[] = [];
    const changes = new PresenceChanges({
      selfId: () => 'ivy',
      graceMs,
      onJoin: (user) => said.push(`+${user.name}`),
      onLeave: (user) => said.push(`-${user.name}`),
    });
    return { said, changes };
  }

  it('announces arrivals after the first list, never the local participant', () => {
    const { said, changes } = announcer();
    changes.update([ivy, cam]);
    changes.update([ivy, cam, oli]);
    expect(said).to.deep.equal(['+Oli']);
  });

  it('announces a leave only when the participant stays away for the grace period', async () => {
    const { said, changes } = announcer();
    changes.update([ivy, cam, oli]);
    changes.update([ivy, oli]);
    changes.update([ivy, cam, oli]);
    changes.update([ivy, cam]);
    expect(said).to.deep.equal([]);
    await wait(60);
    expect(said).to.deep.equal(['-Oli']);
  });

  it('forgets pending leaves on reset', async () => {
    const { said, changes } = announcer();
    changes.update([ivy, cam]);
    changes.update([ivy]);
    changes.reset();
    await wait(60);
    expect(said).to.deep.equal([]);
  });
});

describe('ToastQueue', () => {
  it('keeps at most `max` toasts, dropping the oldest, and dismisses each after its time', async () => {
    let changes = 0;
    const queue = new ToastQueue({ durationMs: 30, max: 2, onChange: () => changes++ });
    queue.push('one');
    queue.push('two');
    queue.push('three', 'warning');
    expect(queue.toasts.map((toast) => toast.text)).to.deep.equal(['two', 'three']);
    await wait(45);
    // Info toasts go after `durationMs`, warnings stay twice as long.
    expect(queue.toasts.map((toast) => toast.text)).to.deep.equal(['three']);
    await wait(40);
    expect(queue.toasts).to.deep.equal([]);
    expect(changes).to.be.greaterThan(4);
  });

  it('dismisses one toast on request', () => {
    const queue = new ToastQueue({ onChange: () => {} });
    const first = queue.push('one');
    queue.push('two');
    queue.dismiss(first.id);
    expect(queue.toasts.map((toast) => toast.text)).to.deep.equal(['two']);
    queue.clear();
  });
});

/** A session view with just what the layout reads. */
const viewOf = (role: 'interviewer' | 'candidate' | 'observer', status: SessionView['status'] = 'live', guide?: string) =>
  ({
    status,
    viewer: { role, participantId: role },
    question: { prompt: '', tests: [], ...(guide === undefined ? {} : { guide }) },
    plan: { current: 0, questions: [] },
  }) as unknown as SessionView;

/** A session view of a plan: a structured warm-up, then two coding questions; `current` is the position shown. */
const planView = (role: 'interviewer' | 'candidate', current: number, status: SessionView['status'] = 'live') => {
  const all = [
    { index: 0, type: 'structured', title: 'Warm-up', prompt: 'Tell me about a conflict.', reached: current >= 0, competency: 'communication', probes: ['What then?'], positiveIndicators: ['Listens'], negativeIndicators: ['Blames'], anchors: ['1', '2', '3', '4'], guide: 'Be kind.' },
    { index: 1, type: 'coding', title: 'Sum', prompt: 'Sum.', reached: true, guide: 'SUM GUIDE' },
    { index: 2, type: 'coding', title: 'Echo', prompt: 'Echo.', reached: current === 2 },
  ];
  return {
    status,
    viewer: { role, participantId: role },
    question: { prompt: 'Sum.', tests: [], guide: 'SUM GUIDE', index: 1, slot: 0 },
    plan: { current, questions: role === 'interviewer' ? all : all.filter((q) => q.reached).map(({ index, type, title, prompt, reached }) => ({ index, type, title, prompt, reached })) },
  } as unknown as SessionView;
};

describe('the question plan', () => {
  it('gives interviewers a switcher of the whole plan while the interview can move; nobody else gets one', () => {
    expect(switcherOf(planView('interviewer', 1))).to.deep.include({ position: 2, total: 3, title: 'Sum', previous: 0, next: 2 });
    expect(ROOM_STRINGS_EN.questionOf(2, 3, 'Sum')).to.equal('Question 2 of 3: Sum');
    expect(switcherOf(planView('interviewer', 2))).to.deep.include({ position: 3, previous: 1, next: undefined });
    expect(switcherOf(planView('candidate', 2))).to.equal(undefined);
    expect(switcherOf(planView('interviewer', 1, 'ended'))).to.equal(undefined);
    expect(switcherOf(viewOf('interviewer'))).to.equal(undefined, 'a plan of one has no switcher');
  });

  it("shows the current question and, to interviewers, a structured question's guide, probes, indicators and anchors", () => {
    expect(currentQuestionOf(planView('candidate', 0))?.prompt).to.equal('Tell me about a conflict.');
    const structured = guideOf(planView('interviewer', 0))!;
    expect(structured).to.deep.include({ guide: 'Be kind.', competency: 'communication' });
    expect(structured.anchors).to.deep.equal(['1', '2', '3', '4']);
    expect(toolsFor(planView('interviewer', 0))).to.include('guide');
    expect(guideOf(planView('interviewer', 1))?.guide).to.equal('SUM GUIDE', "a coding question's guide");
    expect(guideOf(planView('candidate', 0))).to.equal(undefined, 'candidates’ views hold no guide');
  });
});

describe('layout', () => {
  it('gives interviewers the tools, the guide only when the question has one, then the chat; candidates and observers the chat alone', () => {
    expect(toolsFor(viewOf('interviewer'))).to.deep.equal(['feedback', 'notes', 'tests', 'chat']);
    expect(toolsFor(viewOf('interviewer', 'live', '  '))).to.deep.equal(['feedback', 'notes', 'tests', 'chat']);
    expect(toolsFor(viewOf('interviewer', 'live', 'Ask about overflow'))).to.deep.equal(['feedback', 'notes', 'tests', 'guide', 'chat']);
    expect(toolsFor(viewOf('candidate', 'live', 'leaked'))).to.deep.equal(['chat']);
    expect(toolsFor(viewOf('observer'))).to.deep.equal(['chat']);
    expect(sectionsFor(viewOf('candidate'))).to.deep.equal(['question', 'code', 'whiteboard', 'output', 'console', 'video', 'chat']);
    expect(sectionsFor(viewOf('interviewer'))).to.deep.equal(['question', 'code', 'whiteboard', 'output', 'console', 'video', 'feedback', 'notes', 'tests', 'chat']);
  });

  it('lets interviewers replay an ended interview only', () => {
    expect(canReplay(viewOf('interviewer', 'ended'))).to.equal(true);
    expect(canReplay(viewOf('interviewer', 'live'))).to.equal(false);
    expect(canReplay(viewOf('candidate', 'ended'))).to.equal(false);
    expect(canReplay(viewOf('observer', 'ended'))).to.equal(false);
  });

  it('moves between tabs with the arrow keys (wrapping), Home and End', () => {
    const tabs = ['a', 'b', 'c'];
    expect(['ArrowRight', 'ArrowLeft', 'Home', 'End', 'x'].map((key) => tabAfterKey(tabs, 'a', key))).to.deep.equal(['b', 'c', 'a', 'c', undefined]);
    expect(tabAfterKey(tabs, 'c', 'ArrowRight')).to.equal('a');
    expect(tabAfterKey(tabs, 'b', 'ArrowDown', 'vertical')).to.equal('c');
    expect(pick(tabs, 'z', 'a')).to.equal('a');
  });
});

describe('split', () => {
  const split = { value: 30, min: 15, max: 50 };

  it('steps with the arrow keys across the separator and jumps to the bounds with Home and End', () => {
    expect(splitAfterKey(split, 'ArrowRight', 'vertical')?.value).to.equal(35);
    expect(splitAfterKey(split, 'ArrowLeft', 'vertical')?.value).to.equal(25);
    expect(splitAfterKey(split, 'ArrowDown', 'horizontal')?.value).to.equal(35);
    expect(splitAfterKey(split, 'ArrowDown', 'vertical')).to.equal(undefined);
    expect(splitAfterKey(split, 'Home', 'vertical')?.value).to.equal(15);
    expect(splitAfterKey({ ...split, value: 48 }, 'ArrowRight', 'vertical')?.value).to.equal(50);
  });

  it('follows the pointer within the bounds', () => {
    const box = new DOMRect(100, 0, 1000, 500);
    expect(splitAtPointer(split, 'vertical', box, { clientX: 500, clientY: 0 }).value).to.equal(40);
    expect(splitAtPointer(split, 'vertical', box, { clientX: 100, clientY: 0 }).value).to.equal(15);
    expect(splitAtPointer(split, 'horizontal', box, { clientX: 0, clientY: 200 }).value).to.equal(40);
  });
});

describe('header words', () => {
  it('makes up to two initials of a name', () => {
    expect(['Cam Candidate', 'ivy', '  Ana Maria  de Souza ', 'Émile Zola'].map(initialsOf)).to.deep.equal(['CC', 'I', 'AS', 'ÉZ']);
  });

  it('writes the timer shorter on narrow screens', () => {
    const clock = { kind: 'remaining' as const, ms: 125_000, totalMs: 45 * 60_000 };
    expect(timerText(clock, ROOM_STRINGS_EN, formatsFor('en'))).to.equal('2:05 left of 45:00');
    expect(timerText(clock, ROOM_STRINGS_EN, formatsFor('en'), true)).to.equal('2:05 left');
  });

  it('puts white or black text on a participant’s colour, whichever reads', () => {
    expect(readableTextOn('#1f77b4')).to.equal('#ffffff');
    expect(readableTextOn('#ffd700')).to.equal('#000000');
    expect(readableTextOn('rgb(10, 10, 10)')).to.equal('#ffffff');
    expect(readableTextOn('not a colour')).to.equal('#ffffff');
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).to.be.closeTo(21, 0.01);
  });
});

describe('question', () => {
  it('takes only visible tests as examples', () => {
    const view = {
      question: {
        tests: [
          { index: 0, stdin: '1', expected: '1', hidden: false },
          { index: 1, stdin: '2', expected: '2', hidden: true },
        ],
      },
    } as unknown as SessionView;
    expect(examplesOf(view).map((test) => test.index)).to.deep.equal([0]);
  });
});
