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
