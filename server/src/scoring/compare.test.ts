import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareOutputs } from './compare.js';

describe('output comparison modes', () => {
  it('exact: byte for byte, a trailing newline or space counts', () => {
    assert.ok(compareOutputs('3\n', '3\n', { mode: 'exact' }));
    assert.ok(!compareOutputs('3', '3\n', { mode: 'exact' }));
    assert.ok(!compareOutputs('3 \n', '3\n', { mode: 'exact' }));
    assert.ok(!compareOutputs('a\r\nb', 'a\nb', { mode: 'exact' }));
  });

  it('trimmed (the default): trailing spaces, CRLF and trailing blank lines ignored, the rest counts', () => {
    for (const comparison of [undefined, { mode: 'trimmed' as const }]) {
      assert.ok(compareOutputs('3   \n\n\n', '3', comparison));
      assert.ok(compareOutputs('a\r\nb\t\n', 'a\nb\n', comparison));
      assert.ok(!compareOutputs(' 3\n', '3\n', comparison), 'leading whitespace counts');
      assert.ok(!compareOutputs('a\n\nb', 'a\nb', comparison), 'blank lines inside count');
      assert.ok(!compareOutputs('1 2', '1  2', comparison), 'inner spacing counts');
    }
  });

  it('tokens: any whitespace between words is alike, the words and their order count', () => {
    assert.ok(compareOutputs('1  2\n3\t4', '1 2 3 4\n', { mode: 'tokens' }));
    assert.ok(compareOutputs('  yes  ', 'yes', { mode: 'tokens' }));
    assert.ok(!compareOutputs('1 2 3', '1 3 2', { mode: 'tokens' }));
    assert.ok(!compareOutputs('1 2', '1 2 3', { mode: 'tokens' }));
    assert.ok(!compareOutputs('Yes', 'yes', { mode: 'tokens' }), 'case counts');
  });

  it('float: numbers within the default tolerance of 1e-6 (absolute or relative), words exactly', () => {
    assert.ok(compareOutputs('0.3333333\n', '0.333333333333', { mode: 'float' }));
    assert.ok(compareOutputs('1e9 2.5', '1000000500 2.50', { mode: 'float' }), 'relative: 500 off a billion is within 1e-6');
    assert.ok(!compareOutputs('0.3334', '0.3333', { mode: 'float' }));
    assert.ok(compareOutputs('area 3.14159', 'area 3.1415926', { mode: 'float', absTolerance: 1e-4 }));
    assert.ok(!compareOutputs('area 3.14159', 'Area 3.14159', { mode: 'float' }), 'words compare exactly');
    assert.ok(compareOutputs('-0.5 .25 1E-3', '-0.5000001 0.25 0.001', { mode: 'float' }));
    assert.ok(compareOutputs('10.9', '10', { mode: 'float', absTolerance: 0, relTolerance: 0.1 }));
    assert.ok(!compareOutputs('11.1', '10', { mode: 'float', absTolerance: 0, relTolerance: 0.1 }));
    assert.ok(compareOutputs('inf nan', 'Infinity NaN', { mode: 'float' }));
    assert.ok(!compareOutputs('inf', '-inf', { mode: 'float' }));
    assert.ok(!compareOutputs('1 2', '1', { mode: 'float' }), 'the count of numbers counts');
  });

  it('unordered-lines: the same lines (trailing spaces ignored) in any order, duplicates counted', () => {
    assert.ok(compareOutputs('b\na\nc\n', 'a\nb\nc', { mode: 'unordered-lines' }));
    assert.ok(compareOutputs('x 1  \r\ny 2', 'y 2\nx 1\n\n', { mode: 'unordered-lines' }));
    assert.ok(!compareOutputs('a\na\nb', 'a\nb\nb', { mode: 'unordered-lines' }));
    assert.ok(!compareOutputs('a b', 'b a', { mode: 'unordered-lines' }), 'each line stays as it is');
  });
});
