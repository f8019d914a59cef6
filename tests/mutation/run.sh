#!/usr/bin/env bash
# Mutation testing (Stryker.NET, a local tool) of one part of the SDK with the committed settings in stryker-config.json.
#
#   bash tests/mutation/run.sh core|orchestrate|langgraph [glob ...]
#
# Globs, if given, replace the part's files (e.g. "**/Http/RunHttpPipeline.cs" for the files you changed).
# Fails below the part's target: 90 % for the vendor-neutral core, 85 % for each vendor folder, counted after the
# static-initializer mutants Stryker reports as surviving are re-tested each in a fresh test process (static-mutants.mjs
# says why). The report is written to artifacts/mutation/<part>/reports (mutation-report.json and .html, and
# static-mutants.txt with each re-tested mutant and the test that killed it). The tests that need the real LangGraph
# server are left out: starting it for every mutant would take hours, and the WireMock tests pin the same client code.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
part=${1:?usage: run.sh core|orchestrate|langgraph [glob ...]}
shift
case $part in
  # The core is exercised by its own tests and both vendors' (which drive it through the vendor clients).
  core)        project=src/WxO.Client.Core;  target=90; tests=(WxO.Client.Core.Tests WxO.Client.Tests LangGraph.Client.Tests); mutate=("**/*.cs");;
  # Shared/ is linked source compiled into each vendor package; it is counted with WxO.Client's copy. The core's tests
  # count too: many of them drive the Orchestrate client (written when the core lived inside it).
  orchestrate) project=src/WxO.Client;       target=85; tests=(WxO.Client.Tests WxO.Client.Core.Tests); mutate=("**/*.cs");;
  langgraph)   project=src/LangGraph.Client; target=85; tests=(LangGraph.Client.Tests); mutate=("**/*.cs" "!**/Shared/*.cs");;
  *) echo "unknown part '$part': use core, orchestrate or langgraph" >&2; exit 2;;
esac
if [ $# -gt 0 ]; then mutate=("$@"); fi

# The target is checked by static-mutants.mjs, on the score with the static-initializer mutants re-tested.
args=(--config-file "$root/tests/mutation/stryker-config.json" --break-at 0 --output "$root/artifacts/mutation/$part")
for t in "${tests[@]}"; do args+=(--test-project "$root/tests/$t/$t.csproj"); done
# Logger declarations ([LoggerMessage] partials) hold no logic; their calls are ignored by the config's ignore-methods.
for m in "${mutate[@]}" "!**/*Log.cs"; do args+=(--mutate "$m"); done

cd "$root"
dotnet tool restore >/dev/null
(cd "$project" && dotnet stryker "${args[@]}")
node "$root/tests/mutation/static-mutants.mjs" "$root/artifacts/mutation/$part/reports/mutation-report.json" "$target" "${tests[@]}"
