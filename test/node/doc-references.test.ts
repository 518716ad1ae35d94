/**
 * The code cites the vendor API by section ("§3", "docs/800ing-api.md §7.1", "§2.7" for a method
 * row): every such reference in src/ must resolve to a section or a method row of
 * docs/800ing-api.md, the copy that ships with the repository (a newcomer who clones the project
 * has no other). References to documents outside the repository are refused.
 *
 * The fault suite's count, which docs/reliability.md and both READMEs state, is one number
 * everywhere, and the Node half of it is the number of tests `node --test` finds (the Chromium
 * half takes the whole browser suite to count: checked by hand when a case is added).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const API_DOC = readFileSync(join(ROOT, 'docs', '800ing-api.md'), 'utf8');

/** Section numbers of the document: its headings ("## 3.", "### 7.1") and the §s they name. */
function sectionsOf(doc: string): Set<string> {
  const found = new Set<string>();
  for (const [, number] of doc.matchAll(/^#{2,3} (\d+(?:\.\d+)*)\.? /gm)) found.add(number!);
  for (const [, number] of doc.matchAll(/^#{2,3} .*?§(\d+(?:\.\d+)*)/gm)) found.add(number!);
  // Method rows keep the vendor's numbering: "| 2.7 | when | …".
  for (const [, number] of doc.matchAll(/^\| (\d+\.\d+) \|/gm)) found.add(number!);
  // Headings that name several vendor sections: "(§2.11, §2.12)".
  for (const line of doc.split('\n').filter((l) => l.startsWith('#'))) {
    for (const [, number] of line.matchAll(/§(\d+(?:\.\d+)*)/g)) found.add(number!);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('references in the code resolve to documents in the repository', () => {
  const sections = sectionsOf(API_DOC);
  const files = sourceFiles(join(ROOT, 'src'));

  it('every § in src/ names a section or method row of docs/800ing-api.md', () => {
    const unresolved: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/§\s?(\d+(?:\.\d+)*)/g)) {
        if (!sections.has(match[1]!)) unresolved.push(`${file.slice(ROOT.length + 1)}: ${match[0]}`);
      }
    }
    assert.ok(sections.has('7.1') && sections.has('2.7'), 'the document has its sections');
    assert.deepEqual(unresolved, []);
  });

  it('no reference points outside the repository (the spec folder, CONTRACT.md)', () => {
    const outside = files.filter((file) => /\bspec §|spec\/800ing|CONTRACT\.md/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(
      outside.map((file) => file.slice(ROOT.length + 1)),
      [],
    );
  });
});

/** The numbers (bold or not) in cell `index` (from 1) of the table rows that `row` matches. */
function column(doc: string, row: RegExp, index: number): number[] {
  return doc
    .split('\n')
    .filter((line) => row.test(line))
    .map((line) => Number(line.split('|')[index]!.replace(/\*/g, '').trim()));
}

const sum = (numbers: number[]): number => numbers.reduce((a, b) => a + b, 0);

/** A README's reliability table: the families' cases and the stated total. */
function readmeCounts(file: string, total: string): { families: number[]; total: number } {
  const doc = readFileSync(join(ROOT, file), 'utf8');
  const table = doc.slice(doc.indexOf('<!-- reliability:start -->'), doc.indexOf('<!-- reliability:end -->'));
  const [stated] = column(table, new RegExp(`^\\| \\*\\*${total}\\*\\* \\|`), 2);
  return { families: column(table, /^\| (?!\*\*)[^-|].* \| \d+ \| \d+ \|/, 2), total: stated! };
}

describe('the fault suite as the docs count it', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'reliability.md'), 'utf8');
  const [result, passed] = /\*\*Result: (\d+) fault cases, (\d+) passed/.exec(doc)!.slice(1).map(Number);
  const [node, chromium] = column(doc, /^\| (Node|Chromium) \(/, 3);

  it('docs/reliability.md and both READMEs state one count: the sum of their rows', () => {
    const matrix = column(doc, /^\| \d+\.\d+ \|/, 4);
    const [total] = column(doc, /^\| \| \*\*total\*\* \|/, 4);
    assert.equal(passed, result, 'every case passed');
    assert.equal(sum(matrix), result, 'the matrix adds up to the result');
    assert.equal(total, result, 'the total row');
    assert.equal(node! + chromium!, result, 'the runs: Node + Chromium');
    for (const [file, word] of [['README.md', 'all'], ['README.zh-CN.md', '合计']] as const) {
      const readme = readmeCounts(file, word);
      assert.equal(readme.total, result, `${file}: the total`);
      assert.equal(sum(readme.families), result, `${file}: its rows add up`);
    }
  });

  it('the Node half is the number of tests in test/node/faults-*.test.ts', () => {
    const files = readdirSync(join(ROOT, 'test', 'node')).filter((name) => /^faults-.*\.test\.ts$/.test(name));
    // Every test skipped (a name no test has): node --test only counts them. Not as a child of this run.
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--test', '--test-name-pattern=^no test is named so$', ...files.map((f) => join('test', 'node', f))], { cwd: ROOT, env, encoding: 'utf8' });
    assert.equal(Number(/^# tests (\d+)$/m.exec(out)![1]), node);
  });
});
