# 70-exec: `exec` into a running container: exit status, the container's
# namespaces and rootfs, -e/--cwd/-u, --process, -d --pid-file, -t through a
# console socket and under ptyrun, capabilities, and the error cases.
# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_EXEC"

. "$TOP/tests/lib-lifecycle.sh"

# the rootfs is read-only and shared (mkbundle_ro): no exec test writes it
setup() {
	lc_setup mkbundle_ro
}

after() { nothing_left "$1-nothing-left" "$ID"; }

# exec_ct: the container the exec tests run in, created and started: init
# is `sleep 1000` (so /proc/1/cmdline is known), hostname box-exec; CT its
# id, PID its init's pid
exec_ct() {
	ID=$(newid exec); track "$ID"
	C_HOSTNAME=box-exec C_ARGS='"sleep", "1000"' mkconfig "$B"
	"$RT" create --bundle "$B" "$ID" < /dev/null > "$TMPD/init.out" 2>&1 &&
		"$RT" start "$ID" >> "$TMPD/init.out" 2>&1
	CT=$ID
	PID=$(ct_pid "$CT")
}

t_exec_container_running() {
	exec_ct
	check_eq exec-container-running running "$(ct_status "$CT")"
}

t_exec_exit_status() {
	exec_ct
	ex "$CT" sh -c 'echo in; exit 3'
	check_eq exec-exit-status "exit 3: in: " "exit $RC: $OUT: $ERR"
	check_eq exec-container-still-running running "$(ct_status "$CT")"
}

t_exec_hostname() {
	exec_ct
	ex "$CT" hostname
	check_eq exec-hostname box-exec "$OUT"
}

t_exec_pid_ns() {
	exec_ct
	ex "$CT" sh -c 'echo $$; tr "\0" " " < /proc/1/cmdline'
	check_nomatch exec-pid-not-1 '^1$' "$(echo "$OUT" | sed -n 1p)"
	check_eq exec-pid-ns-init "sleep 1000 " "$(echo "$OUT" | sed -n 2p)"
	check_eq exec-pid-ns-same "$(readlink "/proc/$PID/ns/pid")" \
		"$(ex "$CT" readlink /proc/self/ns/pid; echo "$OUT")"
}

t_exec_rootfs() {
	exec_ct
	ex "$CT" cat /rootfs-marker
	check_eq exec-rootfs rootfs "$OUT"
	ex "$CT" ls /
	check_eq exec-rootfs-ls "$(ls "$B/rootfs")" "$OUT"
}

t_exec_net() {
	exec_ct
	ex "$CT" ip -o link
	check_eq exec-net-only-lo "1" "$(echo "$OUT" | grep -c '^[0-9]*:')"
	check_match exec-net-lo '^1: lo: ' "$OUT"
}

t_exec_env() {
	exec_ct
	ex -e FOO=bar "$CT" sh -c 'echo $FOO'
	check_eq exec-env bar "$OUT"
	ex --env FOO=bar --env BAR=baz "$CT" sh -c 'echo $FOO $BAR; echo $PATH'
	check_eq exec-env-two "bar baz" "$(echo "$OUT" | sed -n 1p)"
	check_eq exec-env-keeps-config-path "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
		"$(echo "$OUT" | sed -n 2p)"
}

t_exec_cwd() {
	exec_ct
	ex --cwd /tmp "$CT" pwd
	check_eq exec-cwd /tmp "$OUT"
}

t_exec_user() {
	exec_ct
	ex -u 1000:1000 "$CT" sh -c 'id -u; id -g'
	check_eq exec-user "1000 1000" "$(echo $OUT)"
	ex --user 65534 "$CT" id -u
	check_eq exec-user-uid-only 65534 "$OUT"
}

# what is no UID[:GID] is refused, with exec's 255 (runc takes -5 as
# 4294967291 and an empty GID as an error of its own)
t_exec_user_bad() {
	need_rt_only exec-user-bad || return 0
	exec_ct
	for u in -5 x 5: :5 5:-1 5:x 4294967295 5:4294967295 1:2:3; do
		ex -u "$u" "$CT" id
		check_eq "exec-user-bad-$u" "255: rt: exec: --user $u: expected UID[:GID], each 0-4294967294" "$RC: $ERR"
	done
	# read from /proc, not id: on MIPS the kernel flags a return of
	# -4095..-1 as an error, so glibc's getuid() gives 2 for 4294967294
	ex -u 4294967294:0 "$CT" grep '^Uid:' /proc/self/status
	check_eq exec-user-highest "0: Uid: 4294967294 4294967294 4294967294 4294967294" "$RC: $(echo $OUT)"
}

t_exec_caps() {
	exec_ct
	ex "$CT" grep CapEff /proc/self/status
	check_eq exec-caps-as-init "$(grep CapEff "/proc/$PID/status")" "$OUT"
	ex "$CT" grep -E '^(CapBnd|CapPrm|NoNewPrivs)' /proc/self/status
	check_eq exec-caps-bnd-prm-nnp-as-init \
		"$(grep -E '^(CapBnd|CapPrm|NoNewPrivs)' "/proc/$PID/status")" "$OUT"
}

# --process: args, env, cwd and user from a file
t_exec_process_json() {
	exec_ct
	cat > "$TMPD/process.json" <<-'EOF'
	{
		"terminal": false,
		"user": { "uid": 1000, "gid": 1000 },
		"args": [ "sh", "-c", "echo $FOO; pwd; id -u; id -g; echo $#" ],
		"env": [ "PATH=/bin", "FOO=from-json" ],
		"cwd": "/tmp",
		"capabilities": {
			"bounding": [ "CAP_KILL" ],
			"effective": [ "CAP_KILL" ],
			"permitted": [ "CAP_KILL" ]
		},
		"noNewPrivileges": true
	}
	EOF
	ex --process "$TMPD/process.json" "$CT"
	check_eq exec-process-json "exit 0: from-json /tmp 1000 1000 0: " "exit $RC: $(echo $OUT): $ERR"
}

# -d --pid-file: back at once, the pid file names a process of the container
t_exec_d() {
	exec_ct
	t0=$(date +%s)
	ex -d --pid-file "$TMPD/exec.pid" "$CT" sleep 100
	t1=$(date +%s)
	check_eq exec-d "exit 0: " "exit $RC: $ERR"
	if [ $((t1 - t0)) -lt 5 ]; then ok exec-d-returns-at-once
	else fail exec-d-returns-at-once "under 5s" "$((t1 - t0))s"; fi
	epid=$(cat "$TMPD/exec.pid" 2>&1)
	check_eq exec-d-pid-file-no-newline "${#epid}" "$(($(wc -c < "$TMPD/exec.pid")))"
	check_eq exec-d-pid-in-ps "$epid" "$(ps_pids "$CT" | grep -x "$epid")"
	check_eq exec-d-pid-is-sleep "sleep 100 " "$(tr '\0' ' ' < "/proc/$epid/cmdline" 2>&1)"
	# relative --pid-file is relative to our cwd
	(cd "$TMPD" && "$RT" exec -d --pid-file rel.pid "$CT" sleep 100 < /dev/null > /dev/null 2>&1)
	check_eq exec-d-pid-file-relative "$(cat "$TMPD/rel.pid" 2>&1)" \
		"$(ps_pids "$CT" | grep -x "$(cat "$TMPD/rel.pid" 2>/dev/null)")"
}

t_exec_not_found() {
	exec_ct
	ex "$CT" no-such-command
	check_eq exec-not-found-rc 255 "$RC"
	check_has exec-not-found-msg 'executable file not found in $PATH' "$ERR"
	check_eq exec-not-found-container-running running "$(ct_status "$CT")"
}

# -t: a pty sent to a console socket (detached) and in the foreground under
# ptyrun; the container itself has no terminal
t_exec_tty_console() {
	exec_ct
	if [ ! -x "$RECVTTY" ]; then
		skip exec-tty-console "tests/recvtty not built (make check builds it)"
	elif recv_start "$TMPD/con.out"; then
		ex -t -d --console-socket "$SOCK" "$CT" sh -c 'tty; echo hello-exec-tty'
		if echo "$ERR" | grep -q 'not in this build'; then
			skip exec-tty-console "terminal support compiled out: $ERR"
			kill $RPID
		else
			check_eq exec-tty-console "exit 0: " "exit $RC: $ERR"
			[ "$RC" = 0 ] || kill $RPID
			wait $RPID
			o=$(tr -d '\r' < "$TMPD/con.out")
			check_match exec-tty-console-tty '^/dev/pts/[0-9]+$' "$o"
			check_match exec-tty-console-output '^hello-exec-tty$' "$o"
		fi
	else
		fail exec-tty-console "socket $SOCK" "none"
	fi
}

t_exec_tty_foreground() {
	exec_ct
	if [ ! -x "$PTYRUN" ]; then
		skip exec-tty-foreground "tests/ptyrun not built (make check builds it)"
	else
		: | timeout "$T_TIMEOUT" "$PTYRUN" -- "$RT" exec -t "$CT" sh -c 'tty; echo fg-tty; exit 4' \
			> "$TMPD/pty.out" 2>&1
		RC=$?
		OUT=$(tr -d '\r' < "$TMPD/pty.out")
		if echo "$OUT" | grep -q 'not in this build'; then
			skip exec-tty-foreground "terminal support compiled out: $OUT"
		else
			check_match exec-tty-foreground '^/dev/pts/[0-9]+$' "$OUT"
			check_match exec-tty-foreground-output '^fg-tty$' "$OUT"
			check_eq exec-tty-foreground-exit 4 "$RC"
			check_eq exec-tty-foreground-restored "ptyrun: termios restored" \
				"$(echo "$OUT" | tail -n 1)"
		fi
	fi
}

# -g adds groups to the config's (runc appends them); a value that is no
# GID is refused by name, with exec's 255
t_exec_gids_added() {
	exec_ct
	ex -g 5 -g 6 "$CT" id -G
	check_eq exec-gids-added "0 5 6" "$OUT"
	for g in x -3 4294967295; do
		ex -g "$g" "$CT" id
		check_eq "exec-gids-bad-$g" "255: rt: exec: --additional-gids $g: expected a GID" "$RC: $ERR"
	done
}

# the container goes away with everything exec'd into it
t_exec_delete_force() {
	exec_ct
	ex -d "$CT" sleep 100
	ex -d "$CT" sleep 100
	pids=$(ps_pids "$CT")
	"$RT" delete -f "$CT" > /dev/null 2>&1
	pids_gone exec-delete-force-all-gone $pids
	ID=$CT after exec-container
}

# ---- exec into containers that do not run ------------------------------------------
# runc exits 255 whenever exec itself fails ("exec failed: ..."), so a caller
# can tell that from the process's own status

t_exec_stopped() {
	ID=$(newid stopped); track "$ID"
	C_ARGS='"true"' mkconfig "$B"
	"$RT" run -d --bundle "$B" "$ID" < /dev/null > /dev/null 2>&1
	poll is_status "$ID" stopped
	ex "$ID" echo hi
	check_eq exec-stopped-rc 255 "$RC"
	check_has exec-stopped-msg "cannot exec in a stopped container" "$ERR"
	check_eq exec-stopped-no-output "" "$OUT"
	"$RT" delete "$ID"
	after exec-stopped
}

t_exec_nonexistent() {
	ex "t$$-nonexistent" echo hi
	check_eq exec-nonexistent-rc 255 "$RC"
	check_has exec-nonexistent-msg "container does not exist" "$ERR"
}
