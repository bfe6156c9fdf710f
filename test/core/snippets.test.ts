import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expandSnippet, loadOutlineSnippets, parseSnippet, SNIPPET_FILE, SnippetSyntaxError } from '../../src/core/outlineSnippet';

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(ROOT, 'snippets');

describe('snippets', () => {
  const files = readdirSync(DIR).filter((f) => SNIPPET_FILE.test(f));
  const { snippets, problems } = loadOutlineSnippets(DIR);

  it('every snippet file is valid JSON of entries with prefix, body and description', () => {
    assert.ok(files.length >= 1);
    for (const f of files) {
      const data = JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Record<string, Record<string, unknown>>;
      for (const [name, entry] of Object.entries(data)) {
        assert.ok(entry.prefix && entry.body && entry.description, `${f}: ${name}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has the structures the issue lists, and the closings found in the corpus', () => {
    const names = snippets.map((s) => s.name);
    for (const n of ['开场白', '会议主持词', '讲话三段式', '研讨发言', '工作汇报', '对照检查·检视剖析', '党课讲稿', '心得体会']) {
      assert.ok(names.includes(n), n);
    }
    const all = snippets.map((s) => s.body).join('\n');
    for (const closing of ['我就讲这些。', '我就讲这么多，谢谢大家！', '发言完毕，谢谢大家！', '汇报完毕，不当之处，请各位领导批评指正，谢谢。', '发言完毕，不当之处，请同志们批评指正，谢谢。']) {
      assert.ok(all.includes(closing), closing);
    }
  });

  it('every snippet expands: balanced ${…}, numbered tab stops ending in $0, blanks to fill', () => {
    for (const s of snippets) {
      const expanded = expandSnippet(s.body);
      assert.ok(expanded.tabStops.length >= 2, `${s.name}: has blanks`);
      assert.equal(expanded.tabStops[expanded.tabStops.length - 1], 0, `${s.name}: ends at $0`);
      assert.doesNotMatch(expanded.text, /\$\{|\$\d/, `${s.name}: no syntax left in ${expanded.text}`);
      assert.ok(expanded.text.length > 0);
    }
  });

  it('has prefixes typeable on an ASCII keyboard, unique, and Chinese names and descriptions', () => {
    const seen = new Set<string>();
    for (const s of snippets) {
      assert.match(s.name, /\p{Script=Han}/u);
      assert.match(s.description, /\p{Script=Han}/u);
      for (const p of s.prefixes) {
        assert.match(p, /^[a-z0-9]+$/, `${s.name}: ${p}`);
        assert.ok(!seen.has(p), `duplicate prefix ${p}`);
        seen.add(p);
      }
    }
  });

  it('keeps the parts each structure is named for', () => {
    const preview = (name: string) => snippets.find((s) => s.name === name)!.preview;
    assert.match(preview('会议主持词'), /出席今天会议的有[\s\S]*今天的会议有.+项议程/);
    assert.match(preview('讲话三段式'), /一、[\s\S]*（一）[\s\S]*（二）[\s\S]*二、[\s\S]*三、/);
    assert.match(preview('研讨发言'), /^[^\n]*\n\n尊敬的各位领导，同志们：[\s\S]*发言完毕，不当之处，请批评指正/);
    assert.match(preview('工作汇报'), /开展情况[\s\S]*主要做法及成效[\s\S]*存在问题[\s\S]*下一步工作计划/);
    assert.match(preview('对照检查·检视剖析'), /主要收获[\s\S]*存在不足[\s\S]*问题根源[\s\S]*整改措施/);
    assert.match(preview('开场白'), /^同志们：/);
  });

  it('contributes every snippet file for markdown and plaintext', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contributed = (pkg.contributes?.snippets ?? []) as { language: string; path: string }[];
    for (const f of files) {
      for (const language of ['markdown', 'plaintext']) {
        assert.ok(contributed.some((c) => c.language === language && path.normalize(c.path) === path.normalize(`./snippets/${f}`)), `${language} ${f}`);
      }
    }
  });
});

describe('snippet syntax', () => {
  it('reads tab stops, placeholders, nesting, mirrors, choices, variables, transforms and escapes', () => {
    const e = expandSnippet('${1:在${2:全市}会议上}，$2；${3|甲,乙\\,丙|}$CURRENT_YEAR年 ${TM_SELECTED_TEXT:选中} ${1/(.*)/$1/g} \\$5 \\} $0');
    assert.equal(e.text, `在全市会议上，全市；甲${new Date().getFullYear()}年 选中 在全市会议上 $5 } `);
    assert.deepEqual(e.tabStops, [1, 2, 3, 0]);
    assert.deepEqual(parseSnippet('a$'), [{ type: 'text', value: 'a$' }]);
  });

  it('rejects unbalanced or malformed bodies with the offset', () => {
    for (const bad of ['${1:未闭合', '${1|甲,乙}', '${:x}', '${1#}', '${1/a/b}']) {
      assert.throws(() => parseSnippet(bad), SnippetSyntaxError, bad);
    }
  });

  it('reports a broken file and entry, and keeps the rest', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'snip-'));
    writeFileSync(path.join(dir, 'a.json'), '{ "好": { "prefix": "h", "body": ["${1:x}$0"], "description": "好的" }, "坏": { "prefix": "b", "body": ["${1:x"], "description": "坏的" } }');
    writeFileSync(path.join(dir, 'b.code-snippets'), '{ not json');
    const lib = loadOutlineSnippets(dir);
    assert.deepEqual(lib.snippets.map((s) => s.name), ['好']);
    assert.equal(lib.problems.length, 2);
    assert.match(lib.problems.join('\n'), /a\.json: 坏: unclosed/);
    assert.match(lib.problems.join('\n'), /b\.code-snippets: not valid JSON/);
    assert.match(loadOutlineSnippets(path.join(dir, 'missing')).problems[0], /missing/);
  });
});
