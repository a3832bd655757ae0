import { expect } from '@esm-bundle/chai';
import { SHARED_STRUCTURE, codeOf, metaOf, projectOf } from '@interview-kit/core';
import * as Y from 'yjs';
import { PROJECT_FILE_LIMIT, ProjectModel, type ProjectChange } from './project-model.js';

/** Two participants' documents, each update of one applied to the other at once (as a sync does). */
function connectedDocs(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
  codeOf(a).insert(0, 'from helper import add\nprint(add(1, 2))\n');
  metaOf(a).set(SHARED_STRUCTURE.language, 'python');
  return [a, b];
}

describe('ProjectModel', () => {
  it('lists the entry file, named after the language, first; then the other files by path', () => {
    const [doc] = connectedDocs();
    const project = new ProjectModel(doc);
    expect(project.list()).to.deep.equal([{ path: 'main.py', entry: true, language: 'python' }]);
    expect(project.multiFile).to.equal(false);
    expect(project.create('zeta.py')).to.equal(undefined);
    expect(project.create('lib/helper.js')).to.equal(undefined);
    expect(project.create('notes.txt')).to.equal(undefined);
    expect(project.list()).to.deep.equal([
      { path: 'main.py', entry: true, language: 'python' },
      { path: 'lib/helper.js', entry: false, language: 'javascript' },
      { path: 'notes.txt', entry: false, language: undefined },
      { path: 'zeta.py', entry: false, language: 'python' },
    ]);
    expect(project.textOf('main.py')!.toString()).to.include('print(add(1, 2))');
    metaOf(doc).set(SHARED_STRUCTURE.language, 'java');
    expect(project.list()[0]).to.deep.equal({ path: 'Main.java', entry: true, language: 'java' });
  });

  it('syncs create, rename and delete to the other participant, a rename as one change with the text kept', () => {
    const [a, b] = connectedDocs();
    const mine = new ProjectModel(a);
    const theirs = new ProjectModel(b);
    const seen: ProjectChange[] = [];
    theirs.observe((change) => seen.push(change));

    mine.create('helper.py');
    expect(theirs.list().map((entry) => entry.path)).to.deep.equal(['main.py', 'helper.py']);
    theirs.textOf('helper.py')!.insert(0, 'def add(a, b):\n    return a + b\n');
    expect(mine.textOf('helper.py')!.toString()).to.equal('def add(a, b):\n    return a + b\n');

    expect(mine.rename('helper.py', 'lib/maths.py')).to.equal(undefined);
    expect(theirs.list().map((entry) => entry.path)).to.deep.equal(['main.py', 'lib/maths.py']);
    expect(theirs.textOf('lib/maths.py')!.toString()).to.equal('def add(a, b):\n    return a + b\n');
    expect(seen.at(-1)).to.deep.equal({ renamed: { from: 'helper.py', to: 'lib/maths.py' }, removed: ['helper.py'] });

    expect(mine.delete('lib/maths.py')).to.equal(true);
    expect(theirs.list().map((entry) => entry.path)).to.deep.equal(['main.py']);
    expect(seen.at(-1)).to.deep.equal({ removed: ['lib/maths.py'] });
    expect(seen).to.have.length(3);
  });

  it('never renames or deletes the entry file', () => {
    const [doc] = connectedDocs();
    const project = new ProjectModel(doc);
    expect(project.delete('main.py')).to.equal(false);
    expect(project.rename('main.py', 'app.py')).to.equal('missing');
    expect(project.list().map((entry) => entry.path)).to.deep.equal(['main.py']);
    expect(codeOf(doc).toString()).to.include('print(add(1, 2))');
  });

  it('tells why a name cannot be taken: the path rules, an existing file, a file–folder clash, the file limit', () => {
    const [doc] = connectedDocs();
    const project = new ProjectModel(doc);
    expect(project.create('')).to.equal('empty');
    expect(project.create('../up.py')).to.equal('bad-part');
    expect(project.create('/etc/passwd')).to.equal('absolute');
    expect(project.create('a//b.py')).to.equal('empty-part');
    expect(project.create('a/b/c/d/e.py')).to.equal('too-deep');
    expect(project.create(`${'x'.repeat(130)}.py`)).to.equal('too-long');
    expect(project.create('main.py'), 'the entry file').to.equal('exists');
    expect(project.create('lib/util.py')).to.equal(undefined);
    expect(project.create('lib/util.py')).to.equal('exists');
    expect(project.create('lib'), 'a folder').to.equal('clash');
    expect(project.create('lib/util.py/x.py'), 'inside a file').to.equal('clash');
    expect(project.rename('lib/util.py', 'main.py')).to.equal('exists');
    expect(project.list().map((entry) => entry.path)).to.deep.equal(['main.py', 'lib/util.py']);

    for (let i = project.size; i < PROJECT_FILE_LIMIT; i++) expect(project.create(`f${i}.py`)).to.equal(undefined);
    expect(project.size).to.equal(20);
    expect(project.create('one-too-many.py')).to.equal('limit');
    expect(project.rename('f2.py', 'renamed.py'), 'a full project still renames').to.equal(undefined);
  });

  it('is what a run sends: the entry first with the shared code, then every other file', () => {
    const [doc] = connectedDocs();
    const project = new ProjectModel(doc);
    project.create('helper.py');
    project.textOf('helper.py')!.insert(0, 'def add(a, b):\n    return a + b\n');
    expect(projectOf(doc, 0, 'python')).to.deep.equal([
      { path: 'main.py', content: 'from helper import add\nprint(add(1, 2))\n' },
      { path: 'helper.py', content: 'def add(a, b):\n    return a + b\n' },
    ]);
  });

  it('reports the entry file renamed when the language changes, and keeps each question’s files apart', () => {
    const [a, b] = connectedDocs();
    const theirs = new ProjectModel(b);
    const seen: ProjectChange[] = [];
    theirs.observe((change) => seen.push(change));
    metaOf(a).set(SHARED_STRUCTURE.language, 'cpp');
    expect(seen).to.deep.equal([{ renamed: { from: 'main.py', to: 'main.cpp' }, removed: ['main.py'] }]);

    const second = new ProjectModel(a, 1);
    metaOf(a).set('language.1', 'go');
    second.create('util.go');
    expect(second.list().map((entry) => entry.path)).to.deep.equal(['main.go', 'util.go']);
    expect(theirs.list().map((entry) => entry.path)).to.deep.equal(['main.cpp']);
  });
});
