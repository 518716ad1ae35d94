/**
 * The code cites the vendor API by section ("§3", "docs/800ing-api.md §7.1", "§2.7" for a method
 * row): every such reference in src/ must resolve to a section or a method row of
 * docs/800ing-api.md, the copy that ships with the repository (a newcomer who clones the project
 * has no other). References to documents outside the repository are refused.
 */
import assert from 'node:assert/strict';
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
