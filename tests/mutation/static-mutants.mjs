// Re-tests, each in a fresh test process, the static-initializer mutants a Stryker run reports as surviving, then
// prints the part's score with them counted as re-tested and fails below the part's target.
//
//   node tests/mutation/static-mutants.mjs <report.json> <target %> <test project> [<test project> ...]
//
// Why: Stryker's MTP runner reuses its test host processes (stryker-net issue #3742; a fix, PR #3695, is open). A
// static field or property initializer runs once per process, before any mutant is active, so its mutants survive even
// when a test asserts the value (e.g. a known enum value's text). Each such mutant is applied to the source as the report
// gives it, the test projects are built and run without the real-server tests, and the file is restored.
// Called by run.sh after Stryker; the report's own score is printed next to the re-tested one.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';

const [reportPath, targetText, ...testProjects] = process.argv.slice(2);
const target = Number(targetText);
if (!reportPath || !(target > 0) || testProjects.length === 0) {
  console.error('usage: node static-mutants.mjs <report.json> <target %> <test project> [<test project> ...]');
  process.exit(2);
}

const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const run = (command, args) => spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60 * 1000 });

// Builds the test projects (and so the mutated source) and runs them one after the other until one fails.
function testsFail() {
  for (const project of testProjects) {
    const build = run('dotnet', ['build', join('tests', project, `${project}.csproj`), '-c', 'Release', '-nologo', '-v', 'q']);
    if (build.status !== 0) {
      return { failed: false, why: 'does not compile' };
    }

    const tests = run(join('tests', project, 'bin', 'Release', 'net10.0', project), ['-class-', '*RealServer*', '-stopOnFail', '-noColor']);
    if (tests.status !== 0) {
      const failed = /^\s+(.+?) \[FAIL\]$/m.exec(`${tests.stdout}\n${tests.stderr}`);
      return { failed: true, why: failed ? failed[1] : `exit code ${tests.status}` };
    }
  }

  return { failed: false, why: 'no test failed' };
}

const counted = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
let killed = 0, total = 0;
const retest = [];
for (const [path, file] of Object.entries(report.files)) {
  for (const mutant of file.mutants) {
    if (!counted.has(mutant.status)) continue;
    total++;
    if (mutant.status === 'Killed' || mutant.status === 'Timeout') killed++;
    else if (mutant.static) retest.push({ path, source: file.source, mutant });
  }
}

// The report's locations hold for the source it was made from only.
const changed = [...new Set(retest.filter(r => readFileSync(r.path, 'utf8') !== r.source).map(r => r.path))];
if (changed.length > 0) {
  console.error(`Changed since the report was made (run Stryker again): ${changed.join(', ')}`);
  process.exit(2);
}

let killedFresh = 0;
const lines = [];
for (const { path, source, mutant } of retest) {
  // Locations are 1-based; the end column is exclusive.
  const { start, end } = mutant.location;
  const text = source.split('\n');
  const before = text.slice(0, start.line - 1).join('\n') + (start.line > 1 ? '\n' : '') + text[start.line - 1].slice(0, start.column - 1);
  const after = text[end.line - 1].slice(end.column - 1) + (end.line < text.length ? '\n' : '') + text.slice(end.line).join('\n');
  const original = source.slice(before.length, source.length - after.length);
  let outcome;
  try {
    writeFileSync(path, before + mutant.replacement + after);
    outcome = testsFail();
  } finally {
    writeFileSync(path, source);
  }

  if (outcome.failed) { killed++; killedFresh++; }
  const shown = t => t.replace(/\s+/g, ' ').slice(0, 50);
  const line = `${outcome.failed ? 'killed  ' : 'SURVIVED'} ${relative(root, path)}:${start.line} ${shown(original)} -> ${shown(mutant.replacement)} (${outcome.why})`;
  lines.push(line);
  console.log(line);
}

// Leave the build as the source is.
for (const project of testProjects) run('dotnet', ['build', join('tests', project, `${project}.csproj`), '-c', 'Release', '-nologo', '-v', 'q']);

const strykerScore = 100 * (killed - killedFresh) / total;
const score = 100 * killed / total;
const summary = [
  `Stryker: ${strykerScore.toFixed(1)} % (${killed - killedFresh}/${total})`,
  `static-initializer survivors re-tested in fresh processes: ${retest.length}, killed: ${killedFresh}`,
  `score: ${score.toFixed(1)} % (${killed}/${total}), target ${target} %`,
];
writeFileSync(join(dirname(reportPath), 'static-mutants.txt'), [...lines, '', ...summary, ''].join('\n'));
console.log(summary.join('\n'));
process.exit(score >= target ? 0 : 1);
