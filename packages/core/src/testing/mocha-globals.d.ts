// The mocha globals that @web/test-runner provides to browser tests (no @types/mocha is installed).
// Only the parts the tests use; `this` in hooks and tests is the mocha context.

interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}

type MochaDone = (error?: unknown) => void;
type MochaFunction = (this: MochaContext, done: MochaDone) => void | Promise<unknown>;

interface MochaSuiteFunction {
  (title: string, body: (this: MochaContext) => void): void;
  only(title: string, body: (this: MochaContext) => void): void;
  skip(title: string, body: (this: MochaContext) => void): void;
}

interface MochaTestFunction {
  (title: string, body?: MochaFunction): void;
  only(title: string, body?: MochaFunction): void;
  skip(title: string, body?: MochaFunction): void;
}

declare const describe: MochaSuiteFunction;
declare const it: MochaTestFunction;
declare function before(body: MochaFunction): void;
declare function after(body: MochaFunction): void;
declare function beforeEach(body: MochaFunction): void;
declare function afterEach(body: MochaFunction): void;
