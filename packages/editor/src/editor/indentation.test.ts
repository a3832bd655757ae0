import { expect } from '@esm-bundle/chai';
import { detectIndentUnit, indentUnitFor } from './indentation.js';

describe('indentation', () => {
  const fourSpaces = 'class A {\n    void f() {\n        g();\n    }\n}\n';
  const twoSpaces = 'function f() {\n  if (x) {\n    g();\n  }\n}\n';
  const tabs = 'int main() {\n\tif (x) {\n\t\treturn 1;\n\t}\n}\n';

  it('Python indents 4 spaces (PEP 8), even when the code uses 2', () => {
    expect(indentUnitFor('python', '')).to.equal('    ');
    expect(indentUnitFor('python', 'def f():\n  return 1\n')).to.equal('    ');
  });

  it('Go indents with a tab (gofmt)', () => {
    expect(indentUnitFor('go', twoSpaces)).to.equal('\t');
    expect(indentUnitFor('go', '')).to.equal('\t');
  });

  it('Java, C++, JavaScript and TypeScript follow the code already there', () => {
    expect(indentUnitFor('java', twoSpaces)).to.equal('  ');
    expect(indentUnitFor('javascript', fourSpaces)).to.equal('    ');
    expect(indentUnitFor('typescript', fourSpaces)).to.equal('    ');
    expect(indentUnitFor('cpp', tabs)).to.equal('\t');
    expect(indentUnitFor('cpp', twoSpaces)).to.equal('  ');
  });

  it('without indented code, each language has its default: 4 for Java and C++, 2 for JavaScript and TypeScript, 4 otherwise', () => {
    const flat = 'int x = 1;\n';
    expect(indentUnitFor('java', flat)).to.equal('    ');
    expect(indentUnitFor('cpp', '')).to.equal('    ');
    expect(indentUnitFor('javascript', flat)).to.equal('  ');
    expect(indentUnitFor('typescript', '')).to.equal('  ');
    expect(indentUnitFor('ruby', '')).to.equal('    ');
    expect(indentUnitFor(undefined, '')).to.equal('    ');
  });

  it('detects the step between indented lines, not their depth; blank lines and odd lines do not decide', () => {
    expect(detectIndentUnit(fourSpaces)).to.equal('    ');
    expect(detectIndentUnit('a:\n    b:\n        c\n\n    d\n')).to.equal('    ');
    // A continuation line aligned by 1 space is not a step.
    expect(detectIndentUnit('f(a,\n b)\nif x:\n  y\n  z\nif w:\n  v\n')).to.equal('  ');
    expect(detectIndentUnit('no indentation\nat all\n')).to.equal(undefined);
    expect(detectIndentUnit('')).to.equal(undefined);
  });

  it('a tab-indented text is a tab even with a few space-aligned lines', () => {
    expect(detectIndentUnit('a {\n\tb\n\tc\n  d\n}\n')).to.equal('\t');
  });
});
