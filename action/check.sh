#!/usr/bin/env bash
# The GitHub Action's check step (action.yml): annotations in the log, a Markdown summary for the
# run page and, if asked for, a SARIF file. It always exits 0 and records the check's exit code in
# `$GITHUB_OUTPUT` (`exit-code`), so that the SARIF upload still runs; the action's last step
# fails the job with that code. Inputs come as INPUT_* variables; `EGENREGI` names the binary.
set -uo pipefail
bin="${EGENREGI:-egenregi}"
root="${INPUT_PATH:-.}"
as_of="${INPUT_AS_OF:-today}"
format="${INPUT_FORMAT:-github}"
args=(check "$root" --as-of "$as_of")

"$bin" "${args[@]}" --format "$format"
status=$?

# 0 and 1 are verdicts; anything else means the run itself failed
run() {
    local rc=0
    "$bin" "${args[@]}" "$@" || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "::warning title=egenregi::\`egenregi ${args[*]} $*\` could not run (exit $rc)"
    fi
}

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    run --format markdown --output "${RUNNER_TEMP:-/tmp}/egenregi-summary.md"
    if [ -f "${RUNNER_TEMP:-/tmp}/egenregi-summary.md" ]; then
        cat "${RUNNER_TEMP:-/tmp}/egenregi-summary.md" >>"$GITHUB_STEP_SUMMARY"
    fi
fi

if [ "${INPUT_SARIF:-false}" = "true" ]; then
    sarif="${INPUT_SARIF_FILE:-egenregi.sarif}"
    run --format sarif --output "$sarif"
    echo "sarif-file=$sarif" >>"${GITHUB_OUTPUT:-/dev/null}"
fi

echo "exit-code=$status" >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
