import type { Checker, CheckerLanguage } from '@interview-kit/core/protocol';
import type { RunRequest } from '../adapters/executor/types.js';

/**
 * A question's custom checker as a sandbox run. The executor runs one source file on stdin, so the
 * checker's source gets a short prelude in its own language: it reads the three texts (input,
 * expected, actual) framed as JSON on stdin, writes them to files in the sandbox's private /tmp,
 * and hands their paths to the checker as its arguments, as the question's author expects.
 *
 * @module
 */

/** What the checker judges: one test's input and expected output, and the program's actual output. */
export interface CheckerInput {
  input: string;
  expected: string;
  actual: string;
}

const PRELUDES: Record<CheckerLanguage, string> = {
  python: [
    'import json as _ik_json, os as _ik_os, sys as _ik_sys, tempfile as _ik_tempfile',
    '_ik_texts = _ik_json.loads(_ik_sys.stdin.read())',
    '_ik_dir = _ik_tempfile.mkdtemp()',
    '_ik_sys.argv = ["checker"]',
    'for _ik_name in ("input", "expected", "actual"):',
    '    _ik_path = _ik_os.path.join(_ik_dir, _ik_name)',
    '    with open(_ik_path, "w", encoding="utf-8") as _ik_file:',
    '        _ik_file.write(_ik_texts[_ik_name])',
    '    _ik_sys.argv.append(_ik_path)',
    'del _ik_json, _ik_os, _ik_tempfile, _ik_texts, _ik_dir, _ik_name, _ik_path, _ik_file',
    '',
  ].join('\n'),
  javascript: [
    '{',
    "  const fs = require('node:fs'), os = require('node:os'), path = require('node:path');",
    "  const texts = JSON.parse(fs.readFileSync(0, 'utf8'));",
    "  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checker-'));",
    "  process.argv = [process.argv[0], 'checker', ...['input', 'expected', 'actual'].map((name) => {",
    '    const file = path.join(dir, name);',
    "    fs.writeFileSync(file, texts[name], 'utf8');",
    '    return file;',
    '  })];',
    '}',
    '',
  ].join('\n'),
};

/** The sandbox run that executes `checker` on one test's texts; the test passed when it exits with 0 and verdict ok. */
export function checkerRun(checker: Checker, texts: CheckerInput): RunRequest {
  return {
    language: checker.language,
    code: PRELUDES[checker.language] + checker.source,
    stdin: JSON.stringify({ input: texts.input, expected: texts.expected, actual: texts.actual }),
  };
}
