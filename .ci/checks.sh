# Sourced by the package tests (.ci/wine/test, .ci/dist/test-linux): one line per check,
# "ok: NAME" or "FAIL: NAME" with the last lines the check printed; $fails counts failures.
fails=0
check() { # check NAME COMMAND...
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "ok: $name"
	else
		echo "FAIL: $name"
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /'
		fails=$((fails + 1))
	fi
}

# wait_window NAME_REGEX [SECONDS]: prints the id of the first visible window so named.
wait_window() {
	local i id
	for i in $(seq "${2:-60}"); do
		id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1)
		if [[ -n $id ]]; then
			echo "$id"
			return 0
		fi
		sleep 1
	done
	return 1
}

# private_display: starts an X server of the test's own (Xvfb picks a free number through
# -displayfd) and exports DISPLAY; its pid is in $xvfb_pid, for the caller to kill. A package
# test does not share the suite's display, which other programs have used for minutes by then.
private_display() {
	local fifo num
	fifo=$(mktemp -u "${TMPDIR:-/tmp}/lifeline-xvfb.XXXXXX")
	mkfifo "$fifo" || return 1
	Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
	xvfb_pid=$!
	read -r -t 20 num <"$fifo"
	rm -f "$fifo"
	[[ -n $num ]] || { kill "$xvfb_pid" 2>/dev/null; echo "Xvfb did not start"; return 1; }
	export DISPLAY=:$num
	unset XAUTHORITY
}

# show_log FILE: the first and last lines of a program's output (the first say why it died).
show_log() {
	head -n 8 "$1"
	[[ $(wc -l <"$1") -le 8 ]] || { echo "…"; tail -n 8 "$1"; }
}
