# tests/lib-lifecycle.sh: helpers for 60-lifecycle.sh and 70-exec.sh, sourced
# by them after lib.sh.  POSIX sh plus busybox tools only.
#
# lc_setup gives each test file a private state root: $RT becomes a wrapper
# script running the real runtime with `--root $LC_ROOT`, so run_ct, cleanup
# and the tests all see only this file's containers (runc and rt alike), and
# STATE_ROOT points there for nothing_left.

: "${T_POLL:=100}"		# polls of 0.1s before a wait gives up
RECVTTY=$TOP/tests/recvtty
PTYRUN=$TOP/tests/ptyrun
# "created" is Go's RFC3339Nano in UTC: nanoseconds with the trailing zeros
# dropped (.91613472Z), no fraction at all when they are all zero
CREATED_TIME='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{0,8}[1-9])?Z'
CREATED_RE="^${CREATED_TIME}\$"

# lc_setup [MKBUNDLE]: temp dir, busybox bundle in $B (made by MKBUNDLE,
# default mkbundle; or mkbundle_ro), private root, $RT wrapper
lc_setup() {
	newtmp
	${1:-mkbundle} "$TMPD/b"
	LC_ROOT=$TMPD/root
	REAL_RT=$RT
	printf '#!/bin/sh\nexec "%s" --root "%s" "$@"\n' "$REAL_RT" "$LC_ROOT" \
		> "$TMPD/rtw"
	chmod 755 "$TMPD/rtw"
	RT=$TMPD/rtw
	STATE_ROOT=$LC_ROOT
}

# poll CMD...: run CMD every 0.1s until it succeeds (return 0) or T_POLL
# tries have failed (return 1)
poll() {
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		[ $_i -ge "$T_POLL" ] && return 1
		sleep 0.1
	done
	return 0
}

# state_field NAME: a top-level field of the state JSON in $ST (runc's
# 2-space indented layout), quotes and trailing comma removed
state_field() {
	printf '%s\n' "$ST" | sed -n "s/^  \"$1\": //p" | sed 's/,$//; s/^"\(.*\)"$/\1/'
}

# ct_status ID: the container's status, or "none" if state fails
ct_status() {
	ST=$("$RT" state "$1" 2>/dev/null) || { echo none; return; }
	state_field status
}

# ct_pid ID: the pid in the container's state
ct_pid() {
	ST=$("$RT" state "$1" 2>/dev/null) || return 1
	state_field pid
}

# cg_gone NAME DIR...: none of DIR exists (rmdir may lag the exit a little)
cg_gone() {
	_n=$1; shift
	for _d; do
		if ! poll test ! -d "$_d"; then fail "$_n" "$_d removed" "$_d exists"; return 1; fi
	done
	ok "$_n"
}

is_status() { [ "$(ct_status "$1")" = "$2" ]; }

# wait_status NAME ID STATUS: poll until ID has STATUS; FAIL NAME if not
wait_status() {
	if poll is_status "$2" "$3"; then ok "$1"
	else fail "$1" "status $3" "status $(ct_status "$2")"; fi
}

# pid_dead PID: no such process, or only a zombie waiting for its reaper
pid_dead() {
	[ -e "/proc/$1" ] || return 0
	_s=$(sed -n 's/^State:[	 ]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ -z "$_s" ] || [ "$_s" = Z ] || [ "$_s" = X ]
}

# pids_gone NAME PID...: poll until every PID is dead; ok/FAIL NAME
pids_gone() {
	_n=$1; shift
	for _p; do
		if ! poll pid_dead "$_p"; then
			fail "$_n" "pids $* gone" \
				"$_p alive: $(tr '\0' ' ' < "/proc/$_p/cmdline" 2>/dev/null)"
			return 1
		fi
	done
	ok "$_n"
}

# file_has FILE STRING: FILE exists and contains STRING
file_has() { [ -f "$1" ] && grep -Fq -- "$2" "$1"; }

# json_ints: the integers of a one-line JSON array like [1,2,3], one a line
json_ints() { tr -d '[] \n' | tr , '\n' | grep .; }

# ps_pids ID: `ps --format json ID` as one pid a line
ps_pids() { "$RT" ps --format json "$1" 2>/dev/null | json_ints; }

# sh_config SCRIPT: config.json in $B running sh -c SCRIPT (C_* apply)
sh_config() {
	C_ARGS="\"sh\", \"-c\", \"$(json_str "$1")\"" mkconfig "$B"
}

# create_ct NAME SCRIPT [CREATE-OPTIONS]: new id $ID (tracked) running
# sh -c SCRIPT, created with stdin /dev/null, stdout $TMPD/NAME.out and
# stderr $TMPD/NAME.err.  Sets RC and ERR (create's stderr is the container's
# too, so ERR is read at once).
create_ct() {
	_n=$1
	ID=$(newid "$1"); track "$ID"
	sh_config "$2"
	shift 2
	timeout "$T_TIMEOUT" "$RT" create --bundle "$B" "$@" "$ID" \
		< /dev/null > "$TMPD/$_n.out" 2> "$TMPD/$_n.err"
	RC=$?
	ERR=$(cat "$TMPD/$_n.err")
	# every "created" seen, for a format check over many (see CREATED_RE)
	[ "$RC" = 0 ] && "$RT" state "$ID" 2>/dev/null |
		sed -n 's/^  "created": "\(.*\)",$/\1/p' >> "$TMPD/created.all"
}

# start_ct NAME SCRIPT [CREATE-OPTIONS]: create_ct then start; sets PID to
# the init's pid.  On failure prints FAIL NAME-start and returns 1.
start_ct() {
	_n=$1
	create_ct "$@"
	if [ "$RC" != 0 ]; then
		fail "$_n-start" "create exit 0" "exit $RC: $ERR"
		return 1
	fi
	if ! _e=$("$RT" start "$ID" 2>&1); then
		fail "$_n-start" "start exit 0" "$_e"
		return 1
	fi
	PID=$(ct_pid "$ID")
	return 0
}

# gate_wait NAME: a script snippet that blocks until the host runs
# gate_open NAME (a file appearing in the rootfs's /tmp)
gate_wait() { echo "while [ ! -e /tmp/gate-$1 ]; do sleep 0.05; done"; }
gate_open() { : > "$B/rootfs/tmp/gate-$1"; }

# recv_start OUTFILE: start tests/recvtty -o OUTFILE on $TMPD/console.sock in
# the background ($RPID); waits for the socket.  Returns 1 on failure.
recv_start() {
	SOCK=$TMPD/console.sock
	rm -f "$SOCK"
	timeout "$T_TIMEOUT" "$RECVTTY" -o "$1" "$SOCK" &
	RPID=$!
	poll test -S "$SOCK"
}

# ex EXEC-ARGS...: `$RT exec EXEC-ARGS` with stdin /dev/null; sets OUT, ERR, RC
ex() {
	timeout "$T_TIMEOUT" "$RT" exec "$@" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	OUT=$(cat "$TMPD/out")
	ERR=$(cat "$TMPD/err")
}
