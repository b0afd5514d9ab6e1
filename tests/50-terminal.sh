# 50-terminal: "terminal": true under tests/ptyrun: the container gets a pty
# of its own, the window size follows ours, ^C reaches the container as a
# byte, and our terminal's termios is restored however the run ends.

setup() {
	mkbundle "$TMPD/b"
}
PTYRUN=$TOP/tests/ptyrun

after() { nothing_left "$1-nothing-left" "$ID"; }

# pty_ct NAME FEEDER [PTYRUN-OPTIONS]: run a fresh id with terminal true under
# ptyrun; FEEDER is a shell snippet whose stdout is our keyboard.  Sets OUT
# (CRs removed), RC, LAST (the last line of OUT).
pty_ct() {
	ID=$(newid "$1"); track "$ID"
	C_TERMINAL=true C_ARGS="${C_ARGS:-\"sh\"}" mkconfig "$B"
	feed=$2; shift 2
	( eval "$feed" ) | timeout "$T_TIMEOUT" "$PTYRUN" "$@" -- \
		"$RT" run --bundle "$B" "$ID" > "$TMPD/out" 2>&1
	RC=$?
	OUT=$(tr -d '\r' < "$TMPD/out")
	LAST=$(echo "$OUT" | tail -n 1)
}

# need_ptyrun NAME: skip NAME (return 1) when tests/ptyrun is not built
need_ptyrun() {
	[ -x "$PTYRUN" ] && return 0
	skip "$1" "tests/ptyrun not built (make check builds it)"
	return 1
}

t_terminal_tty() {
	need_ptyrun terminal-tty || return 0
	pty_ct tty 'sleep 1; echo "tty; stty size; echo TERM=\$TERM; ls -l /dev/console; exit 3"' -s 40x100
	check_match terminal-tty '^/dev/pts/[0-9]+$' "$OUT"
	check_nomatch terminal-tty-not-none 'not a tty' "$OUT"
	check_match terminal-size '^40 100$' "$OUT"
	check_match terminal-term '^TERM=xterm$' "$OUT"
	# a pty slave (Unix98 ptys are majors 136-143) bound onto /dev/console
	check_match terminal-console '^c[rwx-]{9} .* (13[6-9]|14[0-3]), +[0-9]+ .* /dev/console$' "$OUT"
	check_eq terminal-exit 3 "$RC"
	check_eq terminal-restored "ptyrun: termios restored" "$LAST"
	after tty
}

t_terminal_resize() {
	need_ptyrun terminal-resize || return 0
	pty_ct resize 'sleep 0.5; echo "sleep 2; stty size; exit 0"' -s 40x100 -r 30x90:1000
	check_match terminal-resize '^30 90$' "$OUT"
	check_eq terminal-resize-exit 0 "$RC"
	check_eq terminal-resize-restored "ptyrun: termios restored" "$LAST"
	after resize
}

t_terminal_ctrl_c() {
	need_ptyrun terminal-ctrl-c || return 0
	t0=$(date +%s)
	pty_ct ctrlc 'sleep 1; echo "sleep 5"; sleep 1; printf "\003"; sleep 0.5; echo "echo status=\$?; exit 0"'
	t1=$(date +%s)
	check_match terminal-ctrl-c '^status=130$' "$OUT"
	if [ $((t1 - t0)) -lt 5 ]; then ok terminal-ctrl-c-quick
	else fail terminal-ctrl-c-quick "under 5s" "$((t1 - t0))s"; fi
	check_eq terminal-ctrl-c-exit 0 "$RC"
	check_eq terminal-ctrl-c-restored "ptyrun: termios restored" "$LAST"
	after ctrlc
}

# killed by a signal: pid 1 of a pid namespace cannot SIGKILL itself
t_terminal_killed() {
	need_ptyrun terminal-killed || return 0
	C_NAMESPACES='{ "type": "network" }, { "type": "ipc" }, { "type": "uts" }, { "type": "mount" }' \
		pty_ct killed 'sleep 1; echo "kill -9 \$\$"'
	check_eq terminal-killed-exit 137 "$RC"
	check_eq terminal-killed-restored "ptyrun: termios restored" "$LAST"
	after killed
}
