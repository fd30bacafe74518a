#!/usr/bin/env bash
# pdconform interrupted mid-run, while the implementation hangs in a call
# (a plugin worker, or an exec: program that also started a child of its own):
#  - on SIGTERM, SIGINT and SIGHUP it ends by itself, by that signal (exit
#    status 128+N), with one line on stderr saying it was interrupted and that
#    no report was written, and writes none (an earlier one stays as it was);
#  - no process of the run is left: none in its session (it runs in a session
#    of its own), none of the pids the implementation logged, and nothing holds
#    its output open (the reader of a `pdconform 2>&1 | cat` pipe ends, as a
#    CI step's `| tee` must);
#  - SIGKILLed, it still takes its plugin worker down (PR_SET_PDEATHSIG).
# Nothing waits on a fixed delay: each wait is a bounded poll.
# Arguments: runfiles paths of pdconform, the hang plugin, faulty_impl.py.
set -uo pipefail

bin="$PWD/$1"
hang_plugin="$PWD/$2"
faulty_py="$PWD/$3"
python=/usr/bin/python3
work="${TEST_TMPDIR:-$(mktemp -d)}/interrupt"
rm -rf "$work" && mkdir -p "$work"
source "$PWD/conformance/testing/pdconform_cli.sh"  # fail, finish

# poll SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds (0) or
# SECONDS have passed (1).
poll() {
  local tries=$(($1 * 10))
  shift
  while ((tries-- > 0)); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

# alive PID: the process exists and is not a zombie (an exited child whose
# parent, perhaps init, has not reaped it yet is dead).
alive() {
  local line state
  { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
  read -r state _ <<<"${line##*) }"
  [[ -n "$state" && "$state" != Z ]]
}
dead() { ! alive "$1"; }

# session_members SID: the live processes of session SID, one "pid command" a line.
session_members() {
  local stat line state sid pid
  for stat in /proc/[0-9]*/stat; do
    { read -r line <"$stat"; } 2>/dev/null || continue
    read -r state _ _ sid _ <<<"${line##*) }"
    [[ "$sid" == "$1" && "$state" != Z ]] || continue
    pid=${stat#/proc/}
    pid=${pid%/stat}
    echo "$pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
  done
}
session_empty() { [[ -z "$(session_members "$1")" ]]; }
kill_session() {
  local pid
  for pid in $(session_members "$1" | cut -d' ' -f1); do kill -KILL "$pid" 2>/dev/null; done
}

# Background jobs of a script ignore SIGINT; the run must not (pdconform
# keeps a signal ignored as it found it, as under nohup).
default_sigint='import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])'

# interrupt NAME SIGNAL IMPL: runs pdconform against IMPL (which hangs on its
# third call, logging "hang PID" to PD_TEST_PLUGIN_LOG first) in a session of
# its own, its stdout and stderr into a pipe; once the implementation hangs,
# sends SIGNAL to pdconform and checks what is left.
interrupt() {
  local name=$1 signal=$2 impl=$3
  local dir="$work/$name"
  mkdir -p "$dir/report"
  echo "an earlier run's report" >"$dir/report/report.json"
  echo "== $name: SIG$signal while the implementation hangs"
  (
    cd "$dir" &&
      PD_TEST_PLUGIN_LOG="$dir/log" "$python" -c "$default_sigint" \
        setsid sh -c 'echo $$ >pid; exec "$@"' sh \
        "$bin" --impl "$impl" --timeout-ms 600000 --cases 5 --report-dir report 2>&1
    echo $? >"$dir/rc"
  ) | cat >"$dir/output" &
  local reader=$!

  if ! poll 30 grep -qs '^hang ' "$dir/log"; then
    fail "$name: the implementation did not hang within 30 s: $(cat "$dir/output")"
    [[ -s "$dir/pid" ]] && kill_session "$(<"$dir/pid")"
    wait "$reader"
    return
  fi
  local pid
  pid=$(<"$dir/pid")  # pdconform's, and its session's id
  local before
  before=$(session_members "$pid")
  [[ $(wc -l <<<"$before") -ge 2 ]] || fail "$name: no process of the implementation in the session: $before"

  kill -"$signal" "$pid"
  if ! poll 20 dead "$pid"; then
    fail "$name: pdconform still runs 20 s after SIG$signal"
    kill_session "$pid"
  fi
  # The pipe's reader ends once nothing holds the pipe: no child kept pdconform's output.
  if ! poll 20 dead "$reader"; then
    fail "$name: the output pipe is still open 20 s after pdconform ended: $(session_members "$pid")"
    kill_session "$pid"
  fi
  wait "$reader"
  if ! poll 10 session_empty "$pid"; then
    fail "$name: processes of the run left: $(session_members "$pid")"
    kill_session "$pid"
  fi
  local logged
  for logged in $(awk '{ print $2 }' "$dir/log" | sort -u); do
    alive "$logged" && fail "$name: the implementation's process $logged is still running"
  done

  local rc want
  rc=$(cat "$dir/rc" 2>/dev/null)
  want=$((128 + $(kill -l "$signal")))
  if [[ "$signal" == KILL ]]; then
    [[ "$rc" == "$want" ]] || fail "$name: exit status '$rc', want $want"
    return
  fi
  [[ "$rc" == "$want" ]] || fail "$name: exit status '$rc', want $want (killed by SIG$signal)"
  local line="pdconform: interrupted by SIG$signal; the implementation's processes were killed; no report written"
  [[ "$(tail -1 "$dir/output")" == "$line" ]] || fail "$name: last line '$(tail -1 "$dir/output")', want '$line'"
  [[ $(grep -c 'interrupted' "$dir/output") -eq 1 ]] || fail "$name: not one 'interrupted' line: $(cat "$dir/output")"
  [[ "$(cat "$dir/report/report.json")" == "an earlier run's report" ]] ||
    fail "$name: the earlier report.json was replaced"
  [[ -z "$(ls -A "$dir/report/counterexamples")" ]] || fail "$name: counterexamples were written"
}

plugin="plugin:$hang_plugin"
# The program starts a child of its own (in its process group) that would
# otherwise keep running, holding pdconform's stderr.
program="exec:sleep 1000 & exec $python $faulty_py --fault=hang"

interrupt plugin-term TERM "$plugin"
interrupt plugin-int INT "$plugin"
interrupt plugin-hup HUP "$plugin"
interrupt exec-term TERM "$program"
interrupt exec-int INT "$program"
# No handler runs: the worker dies with its parent.
interrupt plugin-kill KILL "$plugin"

finish "all interrupt checks passed"
