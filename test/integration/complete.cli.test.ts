// The `complete` command's --eagerness (the editor's 补全积极程度), run from source through tsx exactly
// as dist/cli.js runs it: a bad value is a usage error (exit 2, one line naming the values), and the
// value reaches the engine — at a context where the sample corpus's engine offers a list at `normal`
// and nothing at `quiet`, the command answers the same way.
import * as assert from 'node:assert/strict';
import { suggest } from '../../src/core/suggest';
import { sampleIndex } from '../core/phrasesFixture';
import { runCliWithInput } from './cli';

describe('cli: complete --eagerness', function () {
  this.timeout(60_000); // every test runs the CLI from source (tsx), and the last one indexes the sample corpus twice

  for (const args of [['loud'], ['Quiet'], [''], []]) {
    it(`--eagerness ${args.map((a) => JSON.stringify(a)).join(' ') || '(no value)'} is a usage error: exit 2, one line, nothing answered`, async () => {
      const { code, stdout, stderr } = await runCliWithInput('{"before":"增强“四个"}\n', 'complete', '--eagerness', ...args);
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      // A wrong word is named back with the values and what they mean; a missing one is said to be missing.
      if (args.length) assert.equal(stderr.trim(), `error: --eagerness is quiet (安静), normal (适中) or eager (积极), not ${JSON.stringify(args[0])}`);
      else assert.equal(stderr.trim(), 'error: --eagerness needs a value');
    });
  }

  it('--help says the protocol and the options, with the eagerness values; exit 0, nothing read', async () => {
    const { code, stdout, stderr } = await runCliWithInput(undefined, 'complete', '--help');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^usage: node dist\/cli\.js complete /);
    assert.match(stdout, /\{"before": /);
    assert.match(stdout, /--eagerness .*quiet \(安静\), normal \(适中\), eager \(积极\); default normal/);
  });

  it('--eagerness reaches the engine: quiet answers nothing where normal (the default) offers a list', async () => {
    const { index } = await sampleIndex();
    // A prefix of a mined phrase that the engine offers at normal but not at quiet.
    const before = index.mined.phrases
      .flatMap((p) => [3, 4, 5, 6].map((k) => p.text.slice(0, k)))
      .find((prefix) => suggest(index, prefix, { eagerness: 'normal' }).length > 0 && suggest(index, prefix, { eagerness: 'quiet' }).length === 0);
    assert.ok(before, 'some prefix is offered at normal and not at quiet');
    const request = JSON.stringify({ before }) + '\n';
    const items = async (...args: string[]) => {
      const { code, stdout, stderr } = await runCliWithInput(request, 'complete', ...args);
      assert.equal(code, 0, stderr);
      return (JSON.parse(stdout) as { items: { insert: string }[] }).items.map((i) => i.insert);
    };
    const [quiet, normal, byDefault, eager] = await Promise.all([
      items('--eagerness', 'quiet'),
      items('--eagerness', 'normal'),
      items(),
      items('--eagerness', 'eager'),
    ]);
    assert.deepEqual(quiet, [], `quiet at ${before}`);
    assert.deepEqual(normal, suggest(index, before, { eagerness: 'normal', limit: 5 }).map((i) => i.insert));
    assert.deepEqual(byDefault, normal, 'normal is the default');
    assert.ok(eager.length > 0, `eager offers where normal does (${before})`);
  });
});
