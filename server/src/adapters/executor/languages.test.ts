// The executor's file names agree with the shared contract of projects: a project sent without
// `entry` runs the file the editor writes the question's code to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryPathOf } from '@interview-kit/core/collab/project';
import { detectToolchains } from './languages.js';

describe('toolchains', () => {
  it("name an empty program's source as core's entry path of its language", async () => {
    const toolchains = await detectToolchains();
    assert.ok(toolchains.size > 0, 'some language is installed here');
    for (const [id, toolchain] of toolchains) assert.equal(toolchain.sourceName(''), entryPathOf(id), id);
  });
});
